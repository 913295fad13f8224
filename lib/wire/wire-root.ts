import path from 'node:path';
import protobuf from 'protobufjs';

/**
 * Loads Holocron's .proto files (proto/: the whole tetragon, flow, observer and relay packages) once per process. Field names are kept as declared
 * (`keepCase`) because protojson output uses the proto names, odd capitals included (IP, l4, Type).
 */
export interface WireTypes {
  root: protobuf.Root;
  GetEventsRequest: protobuf.Type;
  GetEventsResponse: protobuf.Type;
  GetFlowsRequest: protobuf.Type;
  GetFlowsResponse: protobuf.Type;
  ServerStatusRequest: protobuf.Type;
  ServerStatusResponse: protobuf.Type;
  GetNodesRequest: protobuf.Type;
  GetNodesResponse: protobuf.Type;
  GetHealthStatusRequest: protobuf.Type;
  GetHealthStatusResponse: protobuf.Type;
  ListTracingPoliciesRequest: protobuf.Type;
  ListTracingPoliciesResponse: protobuf.Type;
  GetVersionRequest: protobuf.Type;
  GetVersionResponse: protobuf.Type;
}

const KEY = Symbol.for('holocron.wireTypes');
type Holder = { [KEY]?: WireTypes };

export function protoDir(): string {
  return process.env.HOLOCRON_PROTO_DIR ?? path.join(process.cwd(), 'proto');
}

export function wireTypes(): WireTypes {
  const holder = globalThis as Holder;
  const cached = holder[KEY];
  if (cached) return cached;
  const dir = protoDir();
  const root = new protobuf.Root();
  // google/protobuf/* come from protobufjs's bundled well-known types; ours live under proto/.
  root.resolvePath = (_origin, target) => (target.startsWith('google/protobuf/') ? target : path.join(/* turbopackIgnore: true */ dir, target));
  root.loadSync(['tetragon/events.proto', 'tetragon/health.proto', 'tetragon/sensors.proto', 'tetragon/event_log.proto', 'observer/observer.proto'], { keepCase: true });
  root.resolveAll();
  const types: WireTypes = {
    root,
    GetEventsRequest: root.lookupType('tetragon.GetEventsRequest'),
    GetEventsResponse: root.lookupType('tetragon.GetEventsResponse'),
    GetFlowsRequest: root.lookupType('observer.GetFlowsRequest'),
    GetFlowsResponse: root.lookupType('observer.GetFlowsResponse'),
    ServerStatusRequest: root.lookupType('observer.ServerStatusRequest'),
    ServerStatusResponse: root.lookupType('observer.ServerStatusResponse'),
    GetNodesRequest: root.lookupType('observer.GetNodesRequest'),
    GetNodesResponse: root.lookupType('observer.GetNodesResponse'),
    GetHealthStatusRequest: root.lookupType('tetragon.GetHealthStatusRequest'),
    GetHealthStatusResponse: root.lookupType('tetragon.GetHealthStatusResponse'),
    ListTracingPoliciesRequest: root.lookupType('tetragon.ListTracingPoliciesRequest'),
    ListTracingPoliciesResponse: root.lookupType('tetragon.ListTracingPoliciesResponse'),
    GetVersionRequest: root.lookupType('tetragon.GetVersionRequest'),
    GetVersionResponse: root.lookupType('tetragon.GetVersionResponse'),
  };
  holder[KEY] = types;
  return types;
}

/** gRPC method paths: the package-qualified service names real peers use. */
export const TETRAGON_GET_EVENTS = '/tetragon.FineGuidanceSensors/GetEvents';
export const HUBBLE_GET_FLOWS = '/observer.Observer/GetFlows';
export const HUBBLE_SERVER_STATUS = '/observer.Observer/ServerStatus';
export const HUBBLE_GET_NODES = '/observer.Observer/GetNodes';
export const TETRAGON_GET_HEALTH = '/tetragon.FineGuidanceSensors/GetHealth';
export const TETRAGON_LIST_TRACING_POLICIES = '/tetragon.FineGuidanceSensors/ListTracingPolicies';
export const TETRAGON_GET_VERSION = '/tetragon.FineGuidanceSensors/GetVersion';

/** A unary call and its message types. */
export interface UnaryCall {
  path: string;
  request: (w: WireTypes) => protobuf.Type;
  response: (w: WireTypes) => protobuf.Type;
}

/**
 * The unary calls an agent answers about itself: served by lib/agent/agent-server.ts, asked by
 * lib/server/ingest/agent-self-info.ts (one declaration of each call's path and types for both).
 */
export const SELF_REPORT_CALLS = {
  GetVersion: { path: TETRAGON_GET_VERSION, request: (w) => w.GetVersionRequest, response: (w) => w.GetVersionResponse },
  GetHealth: { path: TETRAGON_GET_HEALTH, request: (w) => w.GetHealthStatusRequest, response: (w) => w.GetHealthStatusResponse },
  ListTracingPolicies: { path: TETRAGON_LIST_TRACING_POLICIES, request: (w) => w.ListTracingPoliciesRequest, response: (w) => w.ListTracingPoliciesResponse },
  ServerStatus: { path: HUBBLE_SERVER_STATUS, request: (w) => w.ServerStatusRequest, response: (w) => w.ServerStatusResponse },
  GetNodes: { path: HUBBLE_GET_NODES, request: (w) => w.GetNodesRequest, response: (w) => w.GetNodesResponse },
} as const satisfies Record<string, UnaryCall>;

import fs from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import type { HubbleFlowJson } from '@/lib/domain/wire-types';
import { nowMicros } from './clock';
import { toProtoJson } from '@/lib/wire/to-protojson';
import { rfc3339ToMicros } from '@/lib/wire/timestamp';
import { encodeProtoJson } from '@/lib/wire/from-protojson';
import { HUBBLE_GET_FLOWS, SELF_REPORT_CALLS as SELF, TETRAGON_GET_EVENTS, wireTypes, type UnaryCall } from '@/lib/wire/wire-root';
import { AGENT_VERSION } from './agent-self';
import { NODE_NAME_HEADER } from '@/lib/wire/node-name-header';
import { AgentBus, type AgentItem } from './agent-bus';
import { compileFlowsRequest, type FlowFilterJson } from './filters/hubble-filter';
import { compileEventsRequest, type TetragonFilterJson } from './filters/tetragon-filter';

/**
 * Serves tetragon.FineGuidanceSensors/GetEvents (+ GetHealth, ListTracingPolicies, GetVersion)
 * and observer.Observer/GetFlows (+ ServerStatus, GetNodes) on one port, like a node running both
 * Tetragon and Hubble would on two.
 */
export interface AgentTlsFiles {
  cert: string;
  key: string;
  clientCa: string | null; // require client certificates signed by this CA (mTLS)
}

const identity = (b: Buffer) => b;

function decoder<T>(type: () => import('protobufjs').Type) {
  return (b: Buffer) => toProtoJson(type(), type().decode(b) as unknown as Record<string, unknown>) as T;
}

/** A unary method answering upstream protojson, encoded with the response type. */
function unary({ path, response }: UnaryCall, answer: () => Record<string, unknown>) {
  return {
    definition: {
      path,
      requestStream: false,
      responseStream: false,
      requestSerialize: identity,
      requestDeserialize: identity,
      responseSerialize: (json: Record<string, unknown>) => Buffer.from(encodeProtoJson(response(wireTypes()), json)),
      responseDeserialize: identity,
    },
    handler: (_call: grpc.ServerUnaryCall<Buffer, unknown>, callback: grpc.sendUnaryData<unknown>) => callback(null, answer()),
  };
}

interface FlowsRequest {
  number?: string;
  follow?: boolean;
  since?: string;
  until?: string;
  whitelist?: FlowFilterJson[];
  blacklist?: FlowFilterJson[];
}

/** `nodeName`: answered in the holocron-node-name header of GetEvents (the server lists agents by node). */
export function createAgentServer(bus: AgentBus, startedAtMs: number, nodeName: string | null = null): grpc.Server {
  const server = new grpc.Server({ 'grpc.keepalive_permit_without_calls': 1 });
  const w = wireTypes;
  const tetragonUnary = {
    GetHealth: unary(SELF.GetHealth, () => bus.self.health()),
    ListTracingPolicies: unary(SELF.ListTracingPolicies, () => bus.self.tracingPolicies()),
    GetVersion: unary(SELF.GetVersion, () => ({ version: AGENT_VERSION })),
  };
  const getNodes = unary(SELF.GetNodes, () =>
    bus.self.nodeList({ num: bus.flowsInRing, max: 65535 }),
  );

  server.addService(
    {
      GetHealth: tetragonUnary.GetHealth.definition,
      ListTracingPolicies: tetragonUnary.ListTracingPolicies.definition,
      GetVersion: tetragonUnary.GetVersion.definition,
      GetEvents: {
        path: TETRAGON_GET_EVENTS,
        requestStream: false,
        responseStream: true,
        requestSerialize: identity,
        requestDeserialize: decoder<{ allow_list?: TetragonFilterJson[]; deny_list?: TetragonFilterJson[] }>(() => w().GetEventsRequest),
        responseSerialize: identity,
        responseDeserialize: identity,
      },
    },
    {
      GetHealth: tetragonUnary.GetHealth.handler,
      ListTracingPolicies: tetragonUnary.ListTracingPolicies.handler,
      GetVersion: tetragonUnary.GetVersion.handler,
      GetEvents: (call: grpc.ServerWritableStream<{ allow_list?: TetragonFilterJson[]; deny_list?: TetragonFilterJson[] }, Buffer>) => {
        let accept: (l: AgentItem['json']) => boolean;
        try {
          accept = compileEventsRequest(call.request) as (l: AgentItem['json']) => boolean;
        } catch (e) {
          rejectRequest(call, `invalid filter: ${(e as Error).message}`);
          return;
        }
        const md = new grpc.Metadata();
        if (nodeName) md.set(NODE_NAME_HEADER, nodeName);
        call.sendMetadata(md);
        bus.subscribe('tetragon', (item) => accept(item.json), call as grpc.ServerWritableStream<unknown, Buffer>);
      },
    },
  );

  server.addService(
    {
      GetFlows: {
        path: HUBBLE_GET_FLOWS,
        requestStream: false,
        responseStream: true,
        requestSerialize: identity,
        requestDeserialize: decoder<FlowsRequest>(() => w().GetFlowsRequest),
        responseSerialize: identity,
        responseDeserialize: identity,
      },
      GetNodes: getNodes.definition,
      ServerStatus: {
        path: SELF.ServerStatus.path,
        requestStream: false,
        responseStream: false,
        requestSerialize: identity,
        requestDeserialize: identity,
        responseSerialize: (json: Record<string, unknown>) =>
          Buffer.from(w().ServerStatusResponse.encode(w().ServerStatusResponse.fromObject(json)).finish()),
        responseDeserialize: identity,
      },
    },
    {
      GetFlows: (call: grpc.ServerWritableStream<FlowsRequest, Buffer>) => serveFlows(bus, call),
      GetNodes: getNodes.handler,
      ServerStatus: (_call: grpc.ServerUnaryCall<Buffer, unknown>, callback: grpc.sendUnaryData<unknown>) => {
        callback(null, {
          num_flows: bus.flowsInRing,
          max_flows: 65535,
          seen_flows: bus.seenFlows,
          uptime_ns: (Date.now() - startedAtMs) * 1e6,
          num_connected_nodes: { value: 1 },
          num_unavailable_nodes: { value: 0 },
          version: 'holocron-agent',
        });
      },
    },
  );
  return server;
}

function serveFlows(bus: AgentBus, call: grpc.ServerWritableStream<FlowsRequest, Buffer>): void {
  const req = call.request;
  let accept: (line: HubbleFlowJson) => boolean;
  try {
    accept = compileFlowsRequest(req);
  } catch (e) {
    rejectRequest(call, `invalid flow filter: ${(e as Error).message}`);
    return;
  }
  const sinceUs = req.since ? rfc3339ToMicros(req.since) : null;
  const untilUs = req.until ? rfc3339ToMicros(req.until) : null;
  const inRange = (item: AgentItem) => (sinceUs === null || item.timeUs >= sinceUs) && (untilUs === null || item.timeUs <= untilUs);
  const wanted = (item: AgentItem) => item.stream === 'hubble' && inRange(item) && accept(item.json as HubbleFlowJson);
  call.sendMetadata(new grpc.Metadata());

  let history = bus.recentFlows().filter(wanted);
  const number = req.number ? Number(req.number) : 0;
  // Hubble semantics: `number` alone means the last N; with `since` the history starts there.
  if (number > 0 && history.length > number) history = history.slice(history.length - number);
  else if (number === 0 && sinceUs === null && req.follow) history = [];
  const sub = req.follow ? bus.subscribe('hubble', wanted, call as grpc.ServerWritableStream<unknown, Buffer>) : null;
  for (const item of history) call.write(item.bytes);
  if (!req.follow || (untilUs !== null && untilUs < nowMicros())) {
    if (sub) bus.unsubscribe(sub);
    call.end();
  }
}

/**
 * Answers INVALID_ARGUMENT. grpc-js sends a server stream's status from its 'error' event;
 * destroy() would end the stream without one, and the client would wait forever.
 */
function rejectRequest(call: grpc.ServerWritableStream<unknown, Buffer>, details: string): void {
  call.emit('error', Object.assign(new Error(details), { code: grpc.status.INVALID_ARGUMENT, details }));
}

export function serverCredentials(tls: AgentTlsFiles | null): grpc.ServerCredentials {
  if (!tls) return grpc.ServerCredentials.createInsecure();
  return grpc.ServerCredentials.createSsl(
    tls.clientCa ? fs.readFileSync(tls.clientCa) : null,
    [{ cert_chain: fs.readFileSync(tls.cert), private_key: fs.readFileSync(tls.key) }],
    tls.clientCa !== null,
  );
}

import * as grpc from '@grpc/grpc-js';
import type { AgentEndpoint } from '@/lib/server/config/agent-endpoints';
import { createAgentClient, identity } from '@/lib/server/ingest/grpc-client';
import { relayEvents } from './relay-events';

/**
 * `--source tetragon:unix:///var/run/tetragon/tetragon.sock` (or `tetragon:host:port`): our agent
 * as a relay beside the node's Tetragon, which since v1.7 listens only on that node-local socket.
 * It re-serves tetragon.FineGuidanceSensors on the pod's address (with TLS/mTLS if asked): each
 * GetEvents subscriber gets its own upstream call (see relay-events.ts), and the read-only unary
 * methods are passed through as bytes. The methods that change Tetragon (policies, sensors,
 * debug levels) are not relayed: the relay must not widen who can reconfigure a node.
 */
export interface RelayOptions {
  upstream: AgentEndpoint;
  nodeName: string | null;
  maxQueued: number;
  log: (msg: string) => void;
}

const SERVICE = '/tetragon.FineGuidanceSensors/';
const READ_ONLY_METHODS = ['GetHealth', 'ListTracingPolicies', 'ListSensors', 'GetVersion', 'GetInfo', 'GetDebug'];
const UNARY_DEADLINE_MS = 10_000;

export function createTetragonRelay(opts: RelayOptions): { server: grpc.Server; close(): void } {
  const upstream = createAgentClient(opts.upstream);
  const server = new grpc.Server({ 'grpc.keepalive_permit_without_calls': 1 });
  const ctx = { upstream, upstreamLabel: opts.upstream.label, nodeName: opts.nodeName, maxQueued: opts.maxQueued, log: opts.log };
  const raw = { requestSerialize: identity, requestDeserialize: identity, responseSerialize: identity, responseDeserialize: identity };

  const definition: Record<string, grpc.MethodDefinition<Buffer, Buffer>> = {
    GetEvents: { path: `${SERVICE}GetEvents`, requestStream: false, responseStream: true, ...raw },
  };
  const handlers: grpc.UntypedServiceImplementation = {
    GetEvents: (call: grpc.ServerWritableStream<Buffer, Buffer>) => relayEvents(call, ctx),
  };
  for (const method of READ_ONLY_METHODS) {
    definition[method] = { path: `${SERVICE}${method}`, requestStream: false, responseStream: false, ...raw };
    handlers[method] = (call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) => {
      upstream.makeUnaryRequest(
        `${SERVICE}${method}`,
        identity,
        identity,
        call.request,
        new grpc.Metadata(),
        { deadline: Date.now() + UNARY_DEADLINE_MS },
        (err, res) => (err ? callback({ code: err.code, details: `tetragon at ${opts.upstream.label}: ${err.details}` }) : callback(null, res)),
      );
    };
  }
  server.addService(definition as grpc.ServiceDefinition, handlers);
  return { server, close: () => upstream.close() };
}

import * as grpc from '@grpc/grpc-js';
import { toProtoJson } from '@/lib/wire/to-protojson';
import { HUBBLE_GET_FLOWS, TETRAGON_GET_EVENTS, wireTypes } from '@/lib/wire/wire-root';
import { nowMs } from './stats';

/**
 * The limit: a bare gRPC client on the same streams Holocron subscribes to, doing only what must
 * be done to every message — protobuf decode and our protojson conversion (lib/wire) — and
 * nothing else (no summary, no id, no store). Lost-event notices from the agent are counted,
 * not taken for events.
 */
export interface BareClient {
  decoded: number;
  lost: number;
  bytes: number;
  /** Resolves (epoch ms) when `decoded` reaches n. */
  reach(n: number, timeoutMs: number): Promise<number>;
  close(): void;
}

const identity = (b: Buffer) => b;

export function connectBareClient(addr: string, streams: { tetragon: boolean; hubble: boolean }, decode = true): BareClient {
  const w = wireTypes();
  const client = new grpc.Client(addr, grpc.credentials.createInsecure(), { 'grpc.max_receive_message_length': 16 * 1024 * 1024 });
  const calls: grpc.ClientReadableStream<Buffer>[] = [];
  let target = Infinity;
  let onReach: ((atMs: number) => void) | null = null;
  const state: BareClient = {
    decoded: 0,
    lost: 0,
    bytes: 0,
    reach(n, timeoutMs) {
      if (state.decoded >= n) return Promise.resolve(nowMs());
      target = n;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`bare client: ${state.decoded.toLocaleString()} of ${n.toLocaleString()} messages after ${timeoutMs} ms`)), timeoutMs);
        onReach = (at) => {
          clearTimeout(timer);
          resolve(at);
        };
      });
    },
    close() {
      calls.forEach((c) => c.cancel());
      client.close();
    },
  };
  const open = (path: string, reqType: 'GetEventsRequest' | 'GetFlowsRequest', body: object, respType: 'GetEventsResponse' | 'GetFlowsResponse') => {
    const type = w[respType];
    const call = client.makeServerStreamRequest<object, Buffer>(path, (req) => Buffer.from(w[reqType].encode(req).finish()), identity, body);
    call.on('data', (frame: Buffer) => {
      state.bytes += frame.length;
      if (decode) {
        const json = toProtoJson(type, type.decode(frame) as unknown as Record<string, unknown>) as {
          lost_events?: { num_events_lost?: string };
          rate_limit_info?: { number_of_dropped_process_events?: string };
        };
        if (json.lost_events || json.rate_limit_info) {
          state.lost += Number(json.lost_events?.num_events_lost ?? json.rate_limit_info?.number_of_dropped_process_events ?? 0);
          return;
        }
      }
      if (++state.decoded >= target && onReach) {
        const r = onReach;
        onReach = null;
        r(nowMs());
      }
    });
    call.on('error', () => {});
    calls.push(call);
  };
  if (streams.tetragon) open(TETRAGON_GET_EVENTS, 'GetEventsRequest', {}, 'GetEventsResponse');
  if (streams.hubble) open(HUBBLE_GET_FLOWS, 'GetFlowsRequest', { follow: true }, 'GetFlowsResponse');
  return state;
}

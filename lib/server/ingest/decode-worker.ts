import { parentPort } from 'node:worker_threads';
import { packChunk } from '@/lib/server/store/record-chunk';
import type { EventRecord, FlowRecord } from '@/lib/server/store/store';
import { decodeFrames } from './decode-frames';
import type { PackedReply } from './decode-pool';
import { runAsIngestThread } from '../worker-threads';

/**
 * The decode worker's entry point (decode-pool.ts): a batch of frames packed in one buffer in,
 * the decoded batch out — its records serialized here, once, into a buffer per kind that is
 * transferred, not cloned (record-chunk.ts). Messages are handled one at a time, so replies keep
 * the batches' order.
 */
interface PackedBatch {
  id: number;
  kind: 'tetragon' | 'hubble';
  endpoint: string;
  data: Uint8Array;
  ends: number[];
}

runAsIngestThread();

parentPort?.on('message', (m: PackedBatch) => {
  try {
    const frames = m.ends.map((end, i) => m.data.subarray(i === 0 ? 0 : m.ends[i - 1], end));
    const result = decodeFrames({ kind: m.kind, endpoint: m.endpoint, frames });
    const flows: FlowRecord[] = [];
    const events: EventRecord[] = [];
    const actions = result.actions.filter((a) => {
      if (a.t === 'flow') flows.push(a.rec);
      else if (a.t === 'event') events.push(a.rec);
      return a.t === 'lost';
    });
    const reply: PackedReply = { id: m.id, ok: true, result: { ...result, actions }, flows: null, events: null };
    const transfer: ArrayBuffer[] = [];
    if (flows.length) transfer.push((reply.flows = { bytes: packChunk(flows), count: flows.length }).bytes.buffer as ArrayBuffer);
    if (events.length) transfer.push((reply.events = { bytes: packChunk(events), count: events.length }).bytes.buffer as ArrayBuffer);
    parentPort!.postMessage(reply, transfer);
  } catch (e) {
    parentPort!.postMessage({ id: m.id, ok: false, error: (e as Error).message });
  }
});

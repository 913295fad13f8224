import { parentPort } from 'node:worker_threads';
import { decodeFrames } from './decode-frames';

/**
 * The decode worker's entry point (decode-pool.ts): a batch of frames packed in one buffer in,
 * the decoded batch out. Messages are handled one at a time, so replies keep the batches' order.
 */
interface PackedBatch {
  id: number;
  kind: 'tetragon' | 'hubble';
  endpoint: string;
  data: Uint8Array;
  ends: number[];
}

parentPort?.on('message', (m: PackedBatch) => {
  try {
    const frames = m.ends.map((end, i) => m.data.subarray(i === 0 ? 0 : m.ends[i - 1], end));
    parentPort!.postMessage({ id: m.id, ok: true, result: decodeFrames({ kind: m.kind, endpoint: m.endpoint, frames }) });
  } catch (e) {
    parentPort!.postMessage({ id: m.id, ok: false, error: (e as Error).message });
  }
});

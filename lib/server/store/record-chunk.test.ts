import { describe, expect, it } from 'vitest';
import { chunkRecords, fromParts, packChunk, RecordChunk, storedResult, toParts } from './record-chunk';

type S = { id: string; n: number };
const rec = (id: string, n: number) => ({ summary: { id, n }, json: `{"id":"${id}","n":${n},"text":"é ✓ \\u0000"}` });

function chunkOf(records: { summary: S; json: string }[]): { chunk: RecordChunk; unpacked: () => boolean } {
  const chunk = new RecordChunk(packChunk(records), records.length);
  let read = false;
  const unpack = chunk.unpack.bind(chunk);
  chunk.unpack = () => {
    read = true;
    return unpack();
  };
  return { chunk, unpacked: () => read };
}

describe('record chunks', () => {
  it('carry records to the writer as their bytes, in order, without unpacking them on the way', () => {
    const a = Array.from({ length: 5 }, (_, i) => rec(`a${i}`, i));
    const b = Array.from({ length: 3 }, (_, i) => rec(`b${i}`, 10 + i));
    const ca = chunkOf(a);
    const cb = chunkOf(b);
    const ra = chunkRecords<S>(ca.chunk);
    const rb = chunkRecords<S>(cb.chunk);
    const plain = [rec('p0', 100), rec('p1', 101)];
    // A batch cut inside chunk a (the rest went to the previous batch), plain records between, a skip in b.
    const batch = [ra[2]!, ra[3]!, ra[4]!, plain[0]!, plain[1]!, rb[0]!, rb[2]!];
    const parts = toParts<S>(batch);
    expect(ca.unpacked() || cb.unpacked()).toBe(false);
    expect(parts.map((p) => ('bytes' in p ? [p.start, p.end] : p.summaries.length))).toEqual([[2, 5], 2, [0, 1], [2, 3]]);
    // What the writer gets after the structured clone.
    const back = fromParts<S>(structuredClone(parts));
    expect(back.summaries).toEqual([a[2], a[3], a[4], plain[0], plain[1], b[0], b[2]].map((r) => r!.summary));
    expect(back.json).toEqual([a[2], a[3], a[4], plain[0], plain[1], b[0], b[2]].map((r) => r!.json));
  });

  it('unpack on the main thread only when a summary or a text is read', () => {
    const c = chunkOf([rec('x', 1), rec('y', 2)]);
    const records = chunkRecords<S>(c.chunk);
    const result = storedResult(records as never, []);
    expect(result.flowRecords).toHaveLength(2);
    expect(c.unpacked()).toBe(false);
    expect(result.flows).toEqual([
      { id: 'x', n: 1 },
      { id: 'y', n: 2 },
    ]);
    expect(c.unpacked()).toBe(true);
    expect(result.flowJson[1]).toBe(rec('y', 2).json);
    // The records ride along unseen: the answer equals the plain one other stores give.
    expect(result).toEqual({ flows: [{ id: 'x', n: 1 }, { id: 'y', n: 2 }], events: [], flowJson: [rec('x', 1).json, rec('y', 2).json], eventJson: [] });
  });

  it('own their buffer whole, so it can be transferred', () => {
    const bytes = packChunk([rec('x', 1)]);
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.byteLength).toBe(bytes.buffer.byteLength);
  });
});

import { describe, expect, it } from 'vitest';
import { MessageChannel } from 'node:worker_threads';
import { chunkRecords, forTransfer, fromParts, packChunk, RecordChunk, storedResult, toParts, unpackChunk, type RecordPart } from './record-chunk';

type S = { id: string; n: number };
const rec = (id: string, n: number) => ({ summary: { id, n }, json: `{"id":"${id}","n":${n},"text":"é ✓ \\u0000"}` });

function chunkOf(records: { summary: S; json: string }[]): { chunk: RecordChunk; unpacked: () => boolean } {
  const chunk = new RecordChunk(packChunk(records), records.length);
  let read = false;
  const summaries = chunk.summaries.bind(chunk);
  const text = chunk.text.bind(chunk);
  chunk.summaries = () => {
    read = true;
    return summaries();
  };
  chunk.text = (i) => {
    read = true;
    return text(i);
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

  it('go to the writer as copies it owns, each chunk once, the originals left readable', async () => {
    const a = Array.from({ length: 4 }, (_, i) => rec(`a${i}`, i));
    const ca = chunkOf(a);
    const ra = chunkRecords<S>(ca.chunk);
    const plain = rec('p', 9);
    // Chunk a split by a plain record: two runs of one chunk.
    const parts = toParts<S>([ra[0]!, ra[1]!, plain, ra[3]!]);
    const sent = forTransfer(parts);
    expect(sent.transfer).toHaveLength(1);
    const { port1, port2 } = new MessageChannel();
    const received = new Promise<RecordPart<S>[]>((resolve) => port2.once('message', resolve));
    port1.postMessage(sent.parts, sent.transfer);
    const there = await received;
    port1.close();
    // Transferred: the copy is gone from this side; the chunk the main thread keeps is intact.
    expect(sent.transfer[0]!.byteLength).toBe(0);
    expect(ca.chunk.bytes.byteLength).toBeGreaterThan(0);
    expect(ra[3]!.summary).toEqual(a[3]!.summary);
    const back = fromParts<S>(there);
    expect(back.summaries).toEqual([a[0], a[1], plain, a[3]].map((r) => r!.summary));
    expect(back.json).toEqual([a[0], a[1], plain, a[3]].map((r) => r!.json));
    // And the parts as given still describe the batch (a re-run after the thread died).
    expect(fromParts<S>(parts)).toEqual(back);
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

  it('give back every text exactly, as UTF-8 or (a text that is not well-formed) as written', () => {
    const texts = ['', 'plain', '{"x":"é ✓ 𝄞 \\u0000"}', 'a'.repeat(70_000), '\u0000\u007f\u0080\u07ff\u0800\uffff'];
    const records = texts.map((json, i) => ({ summary: { id: `t${i}`, n: i }, json }));
    expect(unpackChunk(packChunk(records))).toEqual({ summaries: records.map((r) => r.summary), json: texts });
    // A lone surrogate has no UTF-8: such a chunk keeps its texts as they are.
    const odd = [...records, { summary: { id: 'odd', n: 9 }, json: 'lone \ud800 surrogate' }];
    const back = unpackChunk(packChunk(odd));
    expect(back.json).toEqual(odd.map((r) => r.json));
    const chunk = new RecordChunk(packChunk(odd), odd.length);
    expect(chunkRecords<S>(chunk).map((r) => r.json)).toEqual(odd.map((r) => r.json));
  });

  it('read a summary without decoding the texts, and one text without the others', () => {
    const records = [rec('x', 1), rec('y', 2), rec('z', 3)];
    const chunk = new RecordChunk(packChunk(records), records.length);
    const texts: number[] = [];
    const text = chunk.text.bind(chunk);
    chunk.text = (i) => {
      texts.push(i);
      return text(i);
    };
    const rs = chunkRecords<S>(chunk);
    expect(rs.map((r) => r.summary)).toEqual(records.map((r) => r.summary));
    expect(texts).toEqual([]);
    expect(rs[1]!.json).toBe(records[1]!.json);
    expect(texts).toEqual([1]);
  });
});

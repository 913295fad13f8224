import { describe, expect, it } from 'vitest';
import { exportBatchBytes, exportBatchText, exportEndText, renderedExport } from './export-text';

async function text(batches: { json: string }[][], format: 'ndjson' | 'json'): Promise<string> {
  async function* rows() {
    yield* batches;
  }
  const parts: Uint8Array[] = [];
  for await (const b of renderedExport(rows(), format)) parts.push(b);
  return Buffer.concat(parts).toString('utf8');
}

describe('export text', () => {
  it('writes each row as its line, NDJSON or one JSON array, across batches', async () => {
    const batches = [[{ json: '{"a":1}' }, { json: '{"a":2}' }], [], [{ json: '{"a":"é"}' }]];
    expect(await text(batches, 'ndjson')).toBe('{"a":1}\n{"a":2}\n{"a":"é"}\n');
    const array = await text(batches, 'json');
    expect(array).toBe('[\n{"a":1},\n{"a":2},\n{"a":"é"}\n]\n');
    expect(JSON.parse(array)).toEqual([{ a: 1 }, { a: 2 }, { a: 'é' }]);
    expect(await text([], 'json')).toBe('[]\n');
    expect(await text([[]], 'ndjson')).toBe('');
  });

  it("leaves Holocron's own marks out of every line", () => {
    const marked = JSON.stringify({ process_exec: {}, time: 't', _holocron: { received_at: 'r' } });
    expect(exportBatchText([marked], 'ndjson', true)).toBe('{"process_exec":{},"time":"t"}\n');
    expect(exportBatchText([marked, marked], 'json', false)).toBe(',\n{"process_exec":{},"time":"t"},\n{"process_exec":{},"time":"t"}');
    expect(exportBatchText([], 'json', true)).toBe('');
    expect(exportEndText('json', true)).toBe('\n]\n');
    expect(exportEndText('ndjson', true)).toBe('');
  });

  it('writes the same bytes as the text encoded, for any characters and both formats', () => {
    const marked = JSON.stringify({ flow: { uuid: 'é' }, _holocron: { received_at: 'r' } });
    const rows = ['{"a":1}', '{"s":"\u00e9\u4e2d\ud83d\ude80"}', '{"lone":"\ud800x\udc00"}', '{"nul":"a\u0000b"}', marked, '{"b":"\u2028"}'];
    for (const format of ['ndjson', 'json'] as const) {
      for (const first of [true, false]) {
        for (const batch of [rows, rows.slice(0, 1), rows.slice(1, 3)]) {
          const bytes = exportBatchBytes(batch, format, first);
          expect(Buffer.from(bytes)).toEqual(Buffer.from(exportBatchText(batch, format, first), 'utf8'));
          // A buffer of its own: it is transferred from the reader thread whole.
          expect(bytes.byteOffset).toBe(0);
          expect(bytes.buffer.byteLength).toBe(bytes.byteLength);
        }
      }
    }
    expect(exportBatchBytes([], 'json', true).byteLength).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { addAnswer, addLineTimes, addRefusal, emptyTotals, importedWindow, lineTimeUs, MAX_SHOWN_ERRORS } from './import-tally';

describe('import tally', () => {
  it('adds the pieces up and moves bad-line numbers from the piece to the file', () => {
    const t = emptyTotals();
    addAnswer(t, { lines: 3, flows: { added: 2, duplicates: 0 }, events: { added: 0, duplicates: 0 }, skipped: 0, errors: [{ line: 2, error: 'not JSON' }], errorCount: 1 }, 1);
    addAnswer(t, { lines: 2, flows: { added: 0, duplicates: 1 }, events: { added: 1, duplicates: 0 }, skipped: 0, errors: [{ line: 1, error: 'no time' }], errorCount: 1 }, 4);
    addRefusal(t, 6, 10, 'HTTP 413: too large');
    expect(t).toMatchObject({ lines: 15, flows: { added: 2, duplicates: 1 }, events: { added: 1, duplicates: 0 }, errorCount: 12 });
    expect(t.errors).toEqual([
      { line: 2, error: 'not JSON' },
      { line: 4, error: 'no time' },
      { line: 6, error: 'lines 6–15 not imported: HTTP 413: too large' },
    ]);
  });

  it('keeps the number of errors shown bounded but counts them all', () => {
    const t = emptyTotals();
    const errors = Array.from({ length: 100 }, (_, i) => ({ line: i + 1, error: 'bad' }));
    addAnswer(t, { lines: 100, errors, errorCount: 100 }, 1);
    addAnswer(t, { lines: 100, errors, errorCount: 150 }, 101);
    expect(t.errors).toHaveLength(MAX_SHOWN_ERRORS);
    expect(t.errorCount).toBe(250);
  });

  it('finds the span of the lines by their top-level time, to the microsecond', () => {
    expect(lineTimeUs('{"process_exec":{},"time":"2026-12-07T08:00:00.123456789Z"}')).toBe(Date.parse('2026-12-07T08:00:00Z') * 1000 + 123456);
    expect(lineTimeUs('{"flow":{"time":"2026-12-07T08:00:01Z"}}')).toBe(Date.parse('2026-12-07T08:00:01Z') * 1000);
    expect(lineTimeUs('not json')).toBeNull();
    expect(lineTimeUs('{"process_exec":{}}')).toBeNull();
    const t = emptyTotals();
    expect(importedWindow(t)).toBeNull();
    addLineTimes(t, '{"time":"2026-12-07T08:00:05.5Z"}\n\n{"time":"2026-12-07T08:00:01.000001Z"}\nbad\n');
    addLineTimes(t, '{"flow":{},"time":"2026-12-07T08:00:03Z"}\n');
    expect(importedWindow(t)).toEqual({ since: '2026-12-07T08:00:01.000001Z', until: '2026-12-07T08:00:05.500000Z' });
  });
});

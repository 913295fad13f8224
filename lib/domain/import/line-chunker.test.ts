import { describe, expect, it } from 'vitest';
import { LineChunker } from './line-chunker';

describe('LineChunker', () => {
  it('cuts at line ends within the budget and numbers the lines across chunks', () => {
    const c = new LineChunker(10);
    const out = [...c.push('aaa\nbbb\nccc\nd'), ...c.push('dd\n'), ...c.flush()];
    expect(out).toEqual([
      { text: 'aaa\nbbb\n', firstLine: 1, lines: 2 },
      { text: 'ccc\nddd\n', firstLine: 3, lines: 2 },
    ]);
  });

  it('sends a line longer than the budget alone, once complete', () => {
    const c = new LineChunker(4);
    expect(c.push('abcdefgh')).toEqual([]);
    expect(c.push('ij\nk\n')).toEqual([{ text: 'abcdefghij\n', firstLine: 1, lines: 1 }]);
    expect(c.flush()).toEqual([{ text: 'k\n', firstLine: 2, lines: 1 }]);
  });

  it('ends a last line without a newline, and counts blank lines as lines', () => {
    const c = new LineChunker(100);
    expect(c.push('a\n\nb')).toEqual([]);
    expect(c.flush()).toEqual([{ text: 'a\n\nb\n', firstLine: 1, lines: 3 }]);
    expect(c.flush()).toEqual([]);
  });
});

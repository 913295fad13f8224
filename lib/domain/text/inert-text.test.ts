import { describe, expect, it } from 'vitest';
import { visibleText } from './inert-text';

describe('visibleText', () => {
  it('counts long runs of combining marks instead of stacking them', () => {
    const zalgo = `a${'\u0301'.repeat(3000)}b`;
    const shown = visibleText(zalgo);
    expect(shown).toBe(`a${'\u0301'.repeat(4)}⟨+2996 combining marks⟩b`);
    expect(shown.length).toBeLessThan(40);
  });

  it('keeps the few marks real scripts stack', () => {
    for (const word of ['é', 'ế', 'किं', 'ที่', 'a\u0301\u0302\u0303']) expect(visibleText(word)).toBe(word);
  });

  it('still escapes control characters', () => {
    expect(visibleText('a\u001b[31m\u202e')).toBe('a\\x1b[31m\\u202e');
  });
});

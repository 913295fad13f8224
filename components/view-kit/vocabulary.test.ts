import { describe, expect, it } from 'vitest';
import { readSelection, SELECTION_PARAM, writeSelection } from './vocabulary';

describe('the selection parameter', () => {
  it('reads sel, and the earlier name only when sel is absent', () => {
    expect(SELECTION_PARAM).toBe('sel');
    expect(readSelection(new URLSearchParams('sel=a1'), 'flow')).toBe('a1');
    expect(readSelection(new URLSearchParams('flow=old'), 'flow')).toBe('old');
    expect(readSelection(new URLSearchParams('sel=new&flow=old'), 'flow')).toBe('new');
    expect(readSelection({ flow: ['old', 'other'] }, 'flow')).toBe('old');
  });

  it('never trusts a bad id, and does not fall back to the earlier name for one', () => {
    expect(readSelection(new URLSearchParams('sel=<script>&flow=old'), 'flow')).toBeNull();
    expect(readSelection(new URLSearchParams('flow=../x y'), 'flow')).toBeNull();
    expect(readSelection(new URLSearchParams('exec=abc'))).toBeNull(); // a view without an earlier name
  });

  it('takes the view’s own check of an id', () => {
    const execId = (t: string | null) => (t && /^[A-Za-z0-9+/=]+$/.test(t) ? t : null);
    expect(readSelection(new URLSearchParams('exec=a2luZA=='), 'exec', execId)).toBe('a2luZA==');
  });

  it('writes only sel', () => {
    const out = new URLSearchParams();
    writeSelection(out, 'a1');
    expect(out.toString()).toBe('sel=a1');
    const none = new URLSearchParams('q=x');
    writeSelection(none, null);
    expect(none.toString()).toBe('q=x');
  });
});

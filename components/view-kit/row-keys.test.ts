import { describe, expect, it } from 'vitest';
import { nextRowIndex } from './row-keys';

describe('row keys', () => {
  it('moves one row with the arrows and j/k, staying inside the list', () => {
    expect(nextRowIndex('ArrowDown', 3, 10, 5)).toBe(4);
    expect(nextRowIndex('j', 9, 10, 5)).toBe(9);
    expect(nextRowIndex('ArrowUp', 0, 10, 5)).toBe(0);
    expect(nextRowIndex('k', 4, 10, 5)).toBe(3);
  });

  it('starts at the top when nothing is selected', () => {
    expect(nextRowIndex('ArrowDown', -1, 10, 5)).toBe(0);
    expect(nextRowIndex('ArrowUp', -1, 10, 5)).toBe(0);
    expect(nextRowIndex('PageDown', -1, 10, 5)).toBe(5);
  });

  it('pages by a screenful and jumps to the ends', () => {
    expect(nextRowIndex('PageDown', 7, 10, 5)).toBe(9);
    expect(nextRowIndex('PageUp', 7, 10, 5)).toBe(2);
    expect(nextRowIndex('PageUp', 2, 10, 5)).toBe(0);
    expect(nextRowIndex('Home', 7, 10, 5)).toBe(0);
    expect(nextRowIndex('End', 0, 10, 5)).toBe(9);
  });

  it('leaves other keys and empty lists alone', () => {
    expect(nextRowIndex('Enter', 3, 10, 5)).toBeNull();
    expect(nextRowIndex('x', 3, 10, 5)).toBeNull();
    expect(nextRowIndex('ArrowDown', -1, 0, 5)).toBeNull();
  });
});

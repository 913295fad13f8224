/**
 * Where a key moves the selection in a list of `count` rows, from row `at` (-1: none selected),
 * with `page` rows in view: ↑/↓ or k/j one row, PageUp/PageDown a screenful, Home/End the ends.
 * Null for a key that does not move it. One rule for every list, whether the grid has the focus
 * or the page does.
 */
export function nextRowIndex(key: string, at: number, count: number, page: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowDown':
    case 'j':
      return at < 0 ? 0 : Math.min(count - 1, at + 1);
    case 'ArrowUp':
    case 'k':
      return at < 0 ? 0 : Math.max(0, at - 1);
    case 'PageDown':
      return Math.min(count - 1, Math.max(0, at) + page);
    case 'PageUp':
      return Math.max(0, at - page);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

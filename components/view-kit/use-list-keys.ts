'use client';

import type { Virtualizer } from '@tanstack/react-virtual';
import type { RefObject } from 'react';
import { nextRowIndex } from './row-keys';
import { useViewKeys } from './use-view-keys';

const PAGE_ROWS = 20;

/**
 * The keyboard of a list view (flows, process events), wherever the focus is: ↑/↓ and
 * PageUp/PageDown move the selection (the table scrolls to it; the same rule as the table's own
 * keys, row-keys.ts, which act first when the table has the focus), Enter opens the selected row,
 * Esc clears the selection, / focuses the filter, g focuses the table, p pauses or resumes the
 * live tail. One hook, so the views cannot drift apart.
 */
export function useListKeys(o: {
  rows: readonly { id: string }[];
  selectedId: string | null;
  select: (id: string | null) => void;
  open: (id: string) => void;
  filterInput: RefObject<HTMLInputElement | null>;
  /** The table's scroller (LiveTable's scrollRef); `g` focuses it. */
  table: RefObject<HTMLElement | null>;
  virtualizerRef?: RefObject<Virtualizer<HTMLDivElement, Element> | null>;
  togglePause: () => void;
}): void {
  const move = (e: KeyboardEvent) => {
    e.preventDefault();
    const at = o.selectedId ? o.rows.findIndex((r) => r.id === o.selectedId) : -1;
    const next = nextRowIndex(e.key, at, o.rows.length, PAGE_ROWS);
    if (next === null) return;
    o.select(o.rows[next]!.id);
    o.virtualizerRef?.current?.scrollToIndex(next, { align: 'auto' });
  };
  useViewKeys({
    '/': (e) => {
      e.preventDefault();
      o.filterInput.current?.focus();
    },
    g: () => o.table.current?.focus(),
    ArrowDown: move,
    ArrowUp: move,
    PageDown: move,
    PageUp: move,
    Enter: (e) => {
      // A focused button or link does its own thing on Enter.
      const t = e.target as HTMLElement | null;
      if ((t && (t.tagName === 'BUTTON' || t.tagName === 'A')) || !o.selectedId) return;
      e.preventDefault();
      o.open(o.selectedId);
    },
    // Not only when this render knows a selection: the URL's comes back a render after the key
    // that made it, and an Esc pressed in between must still clear it.
    Escape: () => o.select(null),
    p: () => o.togglePause(),
  });
}

'use client';

import type { Virtualizer } from '@tanstack/react-virtual';
import type { RefObject } from 'react';
import type { FlowSummary } from '@/lib/domain/records';
import { nextRowIndex } from '@/components/view-kit/row-keys';
import { useViewKeys } from '@/components/view-kit/use-view-keys';

const PAGE_ROWS = 20;

/**
 * Keyboard for the flows view, wherever the focus is: ↑/↓ and PageUp/PageDown move the selection
 * (the table scrolls to it; same rule as the table's own keys, row-keys.ts), Enter opens the
 * selected flow, Esc closes the details, / focuses the filter, p pauses or resumes.
 */
export function useFlowsKeyboard(o: {
  rows: readonly FlowSummary[];
  selectedId: string | null;
  select: (id: string | null) => void;
  open: (id: string) => void;
  filterInput: RefObject<HTMLInputElement | null>;
  virtualizerRef: RefObject<Virtualizer<HTMLDivElement, Element> | null>;
  togglePause: () => void;
}): void {
  const move = (e: KeyboardEvent) => {
    e.preventDefault();
    const at = o.selectedId ? o.rows.findIndex((r) => r.id === o.selectedId) : -1;
    const next = nextRowIndex(e.key, at, o.rows.length, PAGE_ROWS);
    if (next === null) return;
    o.select(o.rows[next]!.id);
    o.virtualizerRef.current?.scrollToIndex(next, { align: 'auto' });
  };
  useViewKeys({
    '/': (e) => {
      e.preventDefault();
      o.filterInput.current?.focus();
    },
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
    Escape: () => {
      if (o.selectedId) o.select(null);
    },
    p: () => o.togglePause(),
  });
}

'use client';

import type { Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type RefObject } from 'react';
import type { FlowSummary } from '@/lib/domain/records';
import { nextRowIndex } from '@/components/view-kit/row-keys';

const PAGE_ROWS = 20;

/**
 * Keyboard for the flows view, wherever the focus is: ↑/↓ and PageUp/PageDown move the selection
 * (the table scrolls to it; same rule as the table's own keys, row-keys.ts), Enter opens the
 * selected flow, Esc closes the details, / focuses the filter, p pauses or resumes. Keys typed in
 * a text field are left alone (except Esc, which the field handles itself), and so are keys the
 * focused table already acted on.
 */
export function useFlowsKeyboard(opts: {
  rows: readonly FlowSummary[];
  selectedId: string | null;
  select: (id: string | null) => void;
  open: (id: string) => void;
  filterInput: RefObject<HTMLInputElement | null>;
  virtualizerRef: RefObject<Virtualizer<HTMLDivElement, Element> | null>;
  togglePause: () => void;
}): void {
  const latest = useRef(opts);
  latest.current = opts;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
      const t = e.target as HTMLElement | null;
      const typing = !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
      if (typing) return;
      const o = latest.current;
      switch (e.key) {
        case '/':
          e.preventDefault();
          o.filterInput.current?.focus();
          break;
        case 'ArrowDown':
        case 'ArrowUp':
        case 'PageDown':
        case 'PageUp': {
          e.preventDefault();
          const at = o.selectedId ? o.rows.findIndex((r) => r.id === o.selectedId) : -1;
          const next = nextRowIndex(e.key, at, o.rows.length, PAGE_ROWS);
          if (next === null) break;
          o.select(o.rows[next]!.id);
          o.virtualizerRef.current?.scrollToIndex(next, { align: 'auto' });
          break;
        }
        case 'Enter':
          // A focused button or link does its own thing on Enter.
          if (t && (t.tagName === 'BUTTON' || t.tagName === 'A')) return;
          if (o.selectedId) {
            e.preventDefault();
            o.open(o.selectedId);
          }
          break;
        case 'Escape':
          if (o.selectedId) o.select(null);
          break;
        case 'p':
          o.togglePause();
          break;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

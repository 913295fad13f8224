'use client';

import { flexRender, getCoreRowModel, useReactTable, type Row } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef, type CSSProperties, type ReactNode } from 'react';
import { LossGapRow } from '@/components/loss-gap-row';
import { EVENT_COLUMNS, GROWING_COLUMN } from './event-columns';
import type { EventRow } from './event-row';

/**
 * The process-event table: TanStack Table for the columns, TanStack Virtual for the rows, so
 * 100k events cost ~40 DOM rows. The grid itself takes the keyboard: ↑/↓ (or j/k) move the
 * selection, PageUp/PageDown jump, Home/End go to the ends, Enter opens the event. Scrolling near
 * the end asks for older events (cursor paging into history).
 */
export const ROW_HEIGHT = 26;
const NEAR_END_ROWS = 60;

export interface EventTableProps {
  rows: readonly EventRow[];
  selectedId: string | null;
  onSelect(id: string): void;
  onOpen(id: string): void;
  onNearEnd(): void;
  onAtTopChange(atTop: boolean): void;
  footer: ReactNode;
}

const cssVar = (id: string) => `--ev-col-${id}`;
/** Fixed widths, except the arguments, which also take whatever the window has left. */
const cellStyle = (id: string): CSSProperties =>
  id === GROWING_COLUMN ? { flex: `1 0 var(${cssVar(id)})`, minWidth: `var(${cssVar(id)})` } : { width: `var(${cssVar(id)})` };

export const EventTable = memo(function EventTable(props: EventTableProps) {
  const { rows, selectedId, onSelect, onOpen, onNearEnd, onAtTopChange } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (i) => rows[i]?.id ?? i,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  const windowRows = useMemo(() => rows.slice(first, last + 1) as EventRow[], [rows, first, last]);

  const table = useReactTable({ data: windowRows, columns: EVENT_COLUMNS, getCoreRowModel: getCoreRowModel(), getRowId: (r) => r.id });
  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const widths = useMemo(() => Object.fromEntries(EVENT_COLUMNS.map((c) => [cssVar(c.id!), `${c.size}px`])), []);
  const totalWidth = EVENT_COLUMNS.reduce((n, c) => n + (c.size ?? 0), 0);

  useEffect(() => {
    if (rows.length > 0 && last >= rows.length - NEAR_END_ROWS) onNearEnd();
  }, [last, rows.length, onNearEnd]);

  const atTop = useRef(true);
  const onScroll = (e: React.UIEvent<HTMLDivElement>) => {
    const top = e.currentTarget.scrollTop < ROW_HEIGHT / 2;
    if (top !== atTop.current) {
      atTop.current = top;
      onAtTopChange(top);
    }
  };

  const selectedIndex = useMemo(() => (selectedId ? rows.findIndex((r) => r.id === selectedId) : -1), [rows, selectedId]);

  // Coming back to the list (browser back from an event): bring the selected row into view once.
  const revealed = useRef(false);
  useEffect(() => {
    if (revealed.current || selectedIndex < 0) return;
    revealed.current = true;
    virtualizer.scrollToIndex(selectedIndex, { align: 'center' });
  }, [selectedIndex, virtualizer]);

  // The selection comes back through the URL a render later; keys pressed in between (↓ then
  // Enter at typing speed) must act on the row the previous key chose, not on a stale index.
  const keyedSelection = useRef<string | null>(null);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (rows.length === 0) return;
    const keyed = keyedSelection.current ? rows.findIndex((r) => r.id === keyedSelection.current) : -1;
    const at = keyed >= 0 && keyedSelection.current !== selectedId ? keyed : selectedIndex;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    let to: number | null = null;
    switch (e.key) {
      case 'ArrowDown':
      case 'j':
        to = at < 0 ? 0 : Math.min(rows.length - 1, at + 1);
        break;
      case 'ArrowUp':
      case 'k':
        to = at < 0 ? 0 : Math.max(0, at - 1);
        break;
      case 'PageDown':
        to = Math.min(rows.length - 1, Math.max(0, at) + page);
        break;
      case 'PageUp':
        to = Math.max(0, at - page);
        break;
      case 'Home':
        to = 0;
        break;
      case 'End':
        to = rows.length - 1;
        break;
      case 'Enter':
        if (at >= 0) onOpen(rows[at]!.id);
        e.preventDefault();
        return;
      default:
        return;
    }
    e.preventDefault();
    const row = rows[to];
    if (!row) return;
    keyedSelection.current = row.id;
    onSelect(row.id);
    virtualizer.scrollToIndex(to, { align: 'auto' });
  };

  const tableRows = table.getRowModel().rows;
  return (
    <div
      ref={scrollRef}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
      tabIndex={0}
      className="relative h-full overflow-auto rounded border border-slate-800 bg-slate-950/60 font-mono text-xs outline-none focus-visible:ring-1 focus-visible:ring-sky-600"
      style={widths as CSSProperties}
      role="grid"
      aria-label="Process events, newest first. Arrow keys select, Enter opens."
      aria-rowcount={rows.length}
      aria-activedescendant={selectedId ? `ev-row-${selectedId}` : undefined}
      data-testid="events-table"
    >
      <div style={{ width: totalWidth, minWidth: '100%' }}>
        <div role="row" className="sticky top-0 z-20 flex border-b border-slate-700 bg-slate-900 text-[11px] uppercase tracking-wide text-slate-400">
          {headers.map((h) => (
            <div key={h.id} role="columnheader" className="flex shrink-0 select-none items-center px-2 py-1" style={cellStyle(h.column.id)}>
              {flexRender(h.column.columnDef.header, h.getContext())}
            </div>
          ))}
        </div>
        <div className="relative" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((vi, i) => {
            const row = tableRows[i];
            if (!row) return null;
            return <EventRowView key={vi.key} row={row} index={vi.index} start={vi.start} selected={row.id === selectedId} onOpen={onOpen} />;
          })}
        </div>
        <div className="sticky left-0 w-full max-w-[100vw]">{props.footer}</div>
      </div>
    </div>
  );
});

interface EventRowProps {
  row: Row<EventRow>;
  index: number;
  start: number;
  selected: boolean;
  onOpen(id: string): void;
}

const EventRowView = memo(
  function EventRowView({ row, index, start, selected, onOpen }: EventRowProps) {
    const e = row.original;
    if (e.loss) return <LossGapRow loss={e.loss} time={e.time} height={ROW_HEIGHT} start={start} index={index} onOpen={() => onOpen(e.id)} />;
    const killed = e.signal === 'SIGKILL';
    const tone = selected
      ? 'bg-sky-900/70 text-white outline outline-1 -outline-offset-1 outline-sky-400'
      : killed
        ? 'bg-red-950/50 shadow-[inset_2px_0_0_#ef4444] hover:bg-red-900/50'
        : index % 2
          ? 'bg-slate-900/40 hover:bg-slate-800/70'
          : 'hover:bg-slate-800/70';
    return (
      <div
        id={`ev-row-${e.id}`}
        role="row"
        aria-rowindex={index + 1}
        aria-selected={selected}
        data-testid="event-row"
        data-event-id={e.id}
        data-kind={e.kind}
        className={`absolute left-0 flex w-full cursor-pointer items-center border-b border-slate-900 ${tone}`}
        style={{ height: ROW_HEIGHT, transform: `translateY(${start}px)` }}
        onClick={(ev) => {
          // a click on a link or button inside the row does its own thing
          if ((ev.target as HTMLElement).closest('a,button')) return;
          onOpen(e.id);
        }}
      >
        {row.getVisibleCells().map((cell) => (
          <div key={cell.id} role="gridcell" className="flex min-w-0 shrink-0 items-center overflow-hidden px-2" style={cellStyle(cell.column.id)}>
            {flexRender(cell.column.columnDef.cell, cell.getContext())}
          </div>
        ))}
      </div>
    );
  },
  (a, b) => a.row.original === b.row.original && a.index === b.index && a.start === b.start && a.selected === b.selected && a.onOpen === b.onOpen,
);

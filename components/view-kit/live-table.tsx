'use client';

import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type ColumnSizingState, type Row, type SortingState } from '@tanstack/react-table';
import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef, type CSSProperties, type ReactNode, type RefObject } from 'react';
import { LossGapRow } from '@/components/loss-gap-row';
import type { LossLine } from '@/lib/domain/loss-line';
import { nextRowIndex } from './row-keys';

/**
 * The table of every live list (flows, process events): TanStack Table for the columns (order,
 * visibility, sizing, sort state) and TanStack Virtual for the rows, so 100k rows cost ~40 DOM
 * rows. The table only ever gets the rows in the virtual window as its data; sorting is manual
 * (the rows arrive sorted). Column widths are CSS variables on the container, so resizing does not
 * re-render the rows. The view keeps the live state; the table reports what it needs:
 * - scrolled away from the top (`onAtTopChange`): the view holds new rows back and counts them;
 * - near the end (`onNearEnd`): the view pages into history (infinite scroll);
 * - keys on the focused grid: ↑/↓ or j/k select, PageUp/PageDown, Home/End, Enter opens.
 */
export const ROW_HEIGHT = 26;
const NEAR_END_ROWS = 60;

export interface LiveRow {
  id: string;
  time: string;
}

export interface LiveTableProps<T extends LiveRow> {
  rows: readonly T[];
  columns: ColumnDef<T, unknown>[];
  /** Visible columns in order; all of `columns` when absent. */
  visible?: readonly string[];
  /** Resizable columns when given (the view keeps the widths). */
  sizing?: ColumnSizingState;
  onSizingChange?: (sizing: ColumnSizingState) => void;
  /** Sortable headers when given. */
  sort?: { column: string; desc: boolean };
  onSortChange?: (sort: { column: string; desc: boolean }) => void;
  /** The column that also takes the width the window has left. */
  growColumn?: string;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onOpen: (id: string) => void;
  /** A click opens the row (else it selects, and a double click opens). */
  clickOpens?: boolean;
  onNearEnd: () => void;
  onAtTopChange: (atTop: boolean) => void;
  footer: ReactNode;
  /** A row that stands for lost items (drawn as a gap) instead of an item. */
  lossOf?: (row: T) => LossLine | null | undefined;
  /** A row that stands out in red (a dropped flow, a SIGKILL). */
  isAlarm?: (row: T) => boolean;
  /** data-* attributes of a row (ids and values tests and styles select on). */
  rowData: (row: T) => Record<`data-${string}`, string>;
  testId: string;
  rowTestId: string;
  label: string;
  scrollRef?: RefObject<HTMLDivElement | null>;
  virtualizerRef?: RefObject<Virtualizer<HTMLDivElement, Element> | null>;
}

const cssVar = (id: string) => `--col-${id}`;

function LiveTableInner<T extends LiveRow>(props: LiveTableProps<T>) {
  const { rows, columns, visible, sizing, sort, selectedId, growColumn, onSelect, onOpen, onNearEnd, onAtTopChange } = props;
  const ownScroll = useRef<HTMLDivElement>(null);
  const scrollRef = props.scrollRef ?? ownScroll;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (i) => rows[i]?.id ?? i,
  });
  if (props.virtualizerRef) props.virtualizerRef.current = virtualizer;
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  const windowRows = useMemo(() => rows.slice(first, last + 1) as T[], [rows, first, last]);

  const columnVisibility = useMemo(() => (visible ? Object.fromEntries(columns.map((c) => [c.id!, visible.includes(c.id!)])) : {}), [columns, visible]);
  const sorting: SortingState = useMemo(() => (sort ? [{ id: sort.column, desc: sort.desc }] : []), [sort]);
  const table = useReactTable({
    data: windowRows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (r) => r.id,
    manualSorting: true,
    enableSorting: !!props.onSortChange,
    enableSortingRemoval: false,
    sortDescFirst: false,
    enableColumnResizing: !!props.onSizingChange,
    columnResizeMode: 'onChange',
    state: { columnVisibility, columnOrder: visible ? [...visible] : [], columnSizing: sizing ?? {}, sorting },
    onColumnSizingChange: (u) => props.onSizingChange?.(typeof u === 'function' ? u(sizing ?? {}) : u),
    onSortingChange: (u) => {
      const next = (typeof u === 'function' ? u(sorting) : u)[0];
      if (next) props.onSortChange?.({ column: next.id, desc: next.desc });
    },
  });

  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const widths = useMemo(() => {
    const vars: Record<string, string> = {};
    for (const h of headers) vars[cssVar(h.column.id)] = `${h.getSize()}px`;
    return vars;
    // headers change identity every render; sizes are what matter
  }, [headers.map((h) => `${h.column.id}:${h.getSize()}`).join(',')]); // eslint-disable-line react-hooks/exhaustive-deps
  const cellStyle = (id: string): CSSProperties => (id === growColumn ? { flex: `1 0 var(${cssVar(id)})`, minWidth: `var(${cssVar(id)})` } : { width: `var(${cssVar(id)})` });
  const colsKey = headers.map((h) => h.column.id).join(',');

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

  // Coming back to the list (browser back, a shared link): bring the selected row into view once.
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
    if (e.key === 'Enter') {
      if ((e.target as HTMLElement).closest('a,button')) return; // a focused link or button does its own thing
      if (at >= 0) onOpen(rows[at]!.id);
      e.preventDefault();
      return;
    }
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const to = nextRowIndex(e.key, at, rows.length, page);
    if (to === null) return;
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
      aria-label={props.label}
      aria-rowcount={rows.length}
      aria-colcount={headers.length}
      aria-activedescendant={selectedIndex >= 0 ? rowDomId(props.rowTestId, selectedId!) : undefined}
      data-testid={props.testId}
    >
      <div style={{ width: table.getTotalSize(), minWidth: '100%' }}>
        <div role="row" className="sticky top-0 z-20 flex border-b border-slate-700 bg-slate-900 text-[11px] uppercase tracking-wide text-slate-400">
          {headers.map((h) => {
            const sorted = h.column.getIsSorted();
            return (
              <div
                key={h.id}
                role="columnheader"
                aria-sort={props.onSortChange ? (sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none') : undefined}
                className="relative flex shrink-0 select-none items-center px-2 py-1"
                style={cellStyle(h.column.id)}
              >
                {h.column.getCanSort() ? (
                  <button type="button" className="flex min-w-0 items-center gap-1 truncate hover:text-white" onClick={h.column.getToggleSortingHandler()} title="Sort the loaded rows by this column">
                    {flexRender(h.column.columnDef.header, h.getContext())}
                    <span className="text-sky-400">{sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}</span>
                  </button>
                ) : (
                  flexRender(h.column.columnDef.header, h.getContext())
                )}
                {h.column.getCanResize() && (
                  <div
                    onMouseDown={h.getResizeHandler()}
                    onTouchStart={h.getResizeHandler()}
                    onDoubleClick={() => h.column.resetSize()}
                    className={`absolute right-0 top-0 h-full w-1.5 cursor-col-resize ${h.column.getIsResizing() ? 'bg-sky-500' : 'hover:bg-slate-500'}`}
                    aria-hidden
                  />
                )}
              </div>
            );
          })}
        </div>
        <div className="relative" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((vi, i) => {
            const row = tableRows[i];
            if (!row) return null;
            // Keyed by position, not id: a live batch that lands above the visible rows then
            // updates the ~50 row elements in place instead of removing and creating them all
            // (removeChild and the new nodes' style recalc were the long tasks while live-tailing).
            return (
              <LiveTableRow
                key={vi.index}
                row={row}
                index={vi.index}
                start={vi.start}
                selected={row.id === selectedId}
                colsKey={colsKey}
                table={props}
                cellStyle={cellStyle}
              />
            );
          })}
        </div>
        <div className="sticky left-0 w-full max-w-[100vw]">{props.footer}</div>
      </div>
    </div>
  );
}

/** Generic through memo: React's memo drops the type parameter, the cast gives it back. */
export const LiveTable = memo(LiveTableInner) as typeof LiveTableInner;

const rowDomId = (prefix: string, id: string) => `${prefix}-${id}`;

interface LiveTableRowProps<T extends LiveRow> {
  row: Row<T>;
  index: number;
  start: number;
  selected: boolean;
  colsKey: string; // re-render when the visible columns change
  table: LiveTableProps<T>;
  cellStyle: (id: string) => CSSProperties;
}

function LiveTableRowInner<T extends LiveRow>({ row, index, start, selected, table, cellStyle }: LiveTableRowProps<T>) {
  const item = row.original;
  const activate = table.clickOpens ? table.onOpen : table.onSelect;
  const loss = table.lossOf?.(item);
  if (loss) return <LossGapRow loss={loss} time={item.time} height={ROW_HEIGHT} start={start} index={index} onOpen={() => activate(item.id)} />;
  const alarm = table.isAlarm?.(item) ?? false;
  const tone = selected
    ? 'bg-sky-900/70 text-white outline outline-1 -outline-offset-1 outline-sky-400'
    : alarm
      ? 'bg-red-950/60 text-red-100 shadow-[inset_2px_0_0_#ef4444] hover:bg-red-900/60'
      : index % 2
        ? 'bg-slate-900/40 hover:bg-slate-800/70'
        : 'hover:bg-slate-800/70';
  return (
    <div
      id={rowDomId(table.rowTestId, item.id)}
      role="row"
      aria-rowindex={index + 1}
      aria-selected={selected}
      data-testid={table.rowTestId}
      {...table.rowData(item)}
      className={`absolute left-0 flex w-full cursor-pointer items-center border-b border-slate-900 ${tone}`}
      style={{ height: ROW_HEIGHT, transform: `translateY(${start}px)` }}
      onClick={(ev) => {
        // a click on a link or button inside the row does its own thing
        if ((ev.target as HTMLElement).closest('a,button')) return;
        activate(item.id);
      }}
      onDoubleClick={table.clickOpens ? undefined : () => table.onOpen(item.id)}
    >
      {row.getVisibleCells().map((c) => (
        <div key={c.column.id} role="gridcell" className="flex min-w-0 shrink-0 items-center overflow-hidden px-2" style={cellStyle(c.column.id)}>
          {flexRender(c.column.columnDef.cell, c.getContext())}
        </div>
      ))}
    </div>
  );
}

// The TanStack row object is rebuilt on every data change; what a row shows depends only on the
// item, its position, selection and the columns, so those are what the memo compares.
const LiveTableRow = memo(
  LiveTableRowInner,
  (a, b) =>
    a.row.original === b.row.original &&
    a.index === b.index &&
    a.start === b.start &&
    a.selected === b.selected &&
    a.colsKey === b.colsKey &&
    a.table.onSelect === b.table.onSelect &&
    a.table.onOpen === b.table.onOpen,
) as typeof LiveTableRowInner;

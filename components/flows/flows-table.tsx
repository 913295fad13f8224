'use client';

import { flexRender, getCoreRowModel, useReactTable, type ColumnSizingState, type Row, type SortingState } from '@tanstack/react-table';
import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef, type CSSProperties, type ReactNode, type RefObject } from 'react';
import type { FlowColumnId, FlowSort } from '@/lib/domain/flow-list/flow-sort';
import { LossGapRow } from '@/components/loss-gap-row';
import type { WithLoss } from '@/lib/domain/loss-line';
import type { FlowSummary } from '@/lib/domain/records';
import { FLOW_COLUMNS } from './flow-columns';

/**
 * The flows table: TanStack Table for columns (order, visibility, sizing, sort state) and
 * TanStack Virtual for rows, so 100k rows cost ~40 DOM rows. The table only ever gets the rows in
 * the virtual window as its data; sorting is manual (the rows arrive sorted). Column widths are
 * CSS variables on the container, so resizing does not re-render the rows.
 */
export const ROW_HEIGHT = 26;
const NEAR_END_ROWS = 60;

export interface FlowsTableProps {
  rows: readonly FlowSummary[];
  columns: readonly FlowColumnId[];
  sizing: ColumnSizingState;
  onSizingChange: (sizing: ColumnSizingState) => void;
  sort: FlowSort;
  onSortChange: (sort: FlowSort) => void;
  selectedId: string | null;
  onSelect: (id: string) => void;
  onOpen: (id: string) => void;
  onNearEnd: () => void;
  onAtTopChange: (atTop: boolean) => void;
  footer: ReactNode;
  virtualizerRef: RefObject<Virtualizer<HTMLDivElement, Element> | null>;
  scrollRef: RefObject<HTMLDivElement | null>;
}

const cssVar = (id: string) => `--col-${id}`;

export const FlowsTable = memo(function FlowsTable(props: FlowsTableProps) {
  const { rows, columns, sizing, sort, selectedId } = props;
  const scrollRef = props.scrollRef;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (i) => rows[i]?.id ?? i,
  });
  props.virtualizerRef.current = virtualizer;
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  const windowRows = useMemo(() => rows.slice(first, last + 1) as FlowSummary[], [rows, first, last]);

  const columnVisibility = useMemo(() => Object.fromEntries(FLOW_COLUMNS.map((c) => [c.id!, columns.includes(c.id as FlowColumnId)])), [columns]);
  const sorting: SortingState = useMemo(() => [{ id: sort.column, desc: sort.desc }], [sort]);
  const table = useReactTable({
    data: windowRows,
    columns: FLOW_COLUMNS,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (r) => r.id,
    manualSorting: true,
    enableSortingRemoval: false,
    sortDescFirst: false,
    columnResizeMode: 'onChange',
    state: { columnVisibility, columnOrder: columns as string[], columnSizing: sizing, sorting },
    onColumnSizingChange: (u) => props.onSizingChange(typeof u === 'function' ? u(sizing) : u),
    onSortingChange: (u) => {
      const next = (typeof u === 'function' ? u(sorting) : u)[0];
      if (next) props.onSortChange({ column: next.id as FlowColumnId, desc: next.desc });
    },
  });

  const headers = table.getHeaderGroups()[0]?.headers ?? [];
  const widths = useMemo(() => {
    const vars: Record<string, string> = {};
    for (const h of headers) vars[cssVar(h.column.id)] = `${h.getSize()}px`;
    return vars;
    // headers change identity every render; sizes are what matter
  }, [headers.map((h) => `${h.column.id}:${h.getSize()}`).join(',')]); // eslint-disable-line react-hooks/exhaustive-deps
  const totalWidth = table.getTotalSize();
  const colsKey = columns.join(',');

  const { onNearEnd, onAtTopChange } = props;
  useEffect(() => {
    if (last >= rows.length - NEAR_END_ROWS) onNearEnd();
  }, [last, rows.length, onNearEnd]);

  const atTop = useRef(true);
  const onScroll = (e: React.UIEvent<HTMLDivElement>) => {
    const top = e.currentTarget.scrollTop < ROW_HEIGHT / 2;
    if (top !== atTop.current) {
      atTop.current = top;
      onAtTopChange(top);
    }
  };

  const tableRows = table.getRowModel().rows;
  return (
    <div
      ref={scrollRef}
      onScroll={onScroll}
      className="relative h-full overflow-auto rounded border border-slate-800 bg-slate-950/60 font-mono text-xs"
      style={widths as CSSProperties}
      role="grid"
      aria-rowcount={rows.length}
      aria-colcount={columns.length}
      data-testid="flows-table"
    >
      <div style={{ width: totalWidth, minWidth: '100%' }}>
        <div role="row" className="sticky top-0 z-20 flex border-b border-slate-700 bg-slate-900 text-[11px] uppercase tracking-wide text-slate-400">
          {headers.map((h) => {
            const sorted = h.column.getIsSorted();
            return (
              <div
                key={h.id}
                role="columnheader"
                aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                className="relative flex shrink-0 select-none items-center px-2 py-1"
                style={{ width: `var(${cssVar(h.column.id)})` }}
              >
                <button
                  type="button"
                  className="flex min-w-0 items-center gap-1 truncate hover:text-white"
                  onClick={h.column.getToggleSortingHandler()}
                  title="Sort the loaded rows by this column"
                >
                  {flexRender(h.column.columnDef.header, h.getContext())}
                  <span className="text-sky-400">{sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}</span>
                </button>
                <div
                  onMouseDown={h.getResizeHandler()}
                  onTouchStart={h.getResizeHandler()}
                  onDoubleClick={() => h.column.resetSize()}
                  className={`absolute right-0 top-0 h-full w-1.5 cursor-col-resize ${h.column.getIsResizing() ? 'bg-sky-500' : 'hover:bg-slate-500'}`}
                  aria-hidden
                />
              </div>
            );
          })}
        </div>
        <div className="relative" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((vi, i) => {
            const row = tableRows[i];
            if (!row) return null;
            // Keyed by position, not flow id: a live batch that lands above the visible rows then
            // updates the ~50 row elements in place instead of removing and creating them all
            // (removeChild and the new nodes' style recalc were the long tasks while live-tailing).
            return (
              <FlowRow
                key={vi.index}
                row={row}
                index={vi.index}
                start={vi.start}
                selected={row.id === selectedId}
                colsKey={colsKey}
                onSelect={props.onSelect}
                onOpen={props.onOpen}
              />
            );
          })}
        </div>
        <div className="sticky left-0 w-full max-w-[100vw]">{props.footer}</div>
      </div>
    </div>
  );
});

interface FlowRowProps {
  row: Row<FlowSummary>;
  index: number;
  start: number;
  selected: boolean;
  colsKey: string; // re-render when the visible columns change
  onSelect: (id: string) => void;
  onOpen: (id: string) => void;
}

// The TanStack row object is rebuilt on every data change; what a row shows depends only on the
// flow, its position, selection and the columns, so those are what the memo compares.
const FlowRow = memo(
  function FlowRow({ row, index, start, selected, onSelect, onOpen }: FlowRowProps) {
    const f = row.original;
    const loss = (f as WithLoss<FlowSummary>).loss;
    if (loss) return <LossGapRow loss={loss} time={f.time} height={ROW_HEIGHT} start={start} index={index} onOpen={() => onSelect(f.id)} />;
    const dropped = f.verdict === 'DROPPED';
    const tone = selected
      ? 'bg-sky-900/70 text-white outline outline-1 -outline-offset-1 outline-sky-400'
      : dropped
        ? 'bg-red-950/60 text-red-100 hover:bg-red-900/60'
        : index % 2
          ? 'bg-slate-900/40 hover:bg-slate-800/70'
          : 'hover:bg-slate-800/70';
    return (
      <div
        role="row"
        aria-rowindex={index + 1}
        aria-selected={selected}
        data-testid="flow-row"
        data-flow-id={f.id}
        data-verdict={f.verdict}
        className={`absolute left-0 flex w-full cursor-pointer items-center border-b border-slate-900 ${tone} ${dropped ? 'border-l-2 border-l-red-500' : ''}`}
        style={{ height: ROW_HEIGHT, transform: `translateY(${start}px)` }}
        onClick={() => onSelect(f.id)}
        onDoubleClick={() => onOpen(f.id)}
      >
        {row.getVisibleCells().map((c) => (
          <div key={c.column.id} role="gridcell" className="flex min-w-0 shrink-0 items-center overflow-hidden px-2" style={{ width: `var(${cssVar(c.column.id)})` }}>
            {flexRender(c.column.columnDef.cell, c.getContext())}
          </div>
        ))}
      </div>
    );
  },
  (a, b) =>
    a.row.original === b.row.original &&
    a.index === b.index &&
    a.start === b.start &&
    a.selected === b.selected &&
    a.colsKey === b.colsKey &&
    a.onSelect === b.onSelect &&
    a.onOpen === b.onOpen,
);

'use client';

import type { ColumnSizingState } from '@tanstack/react-table';
import type { Virtualizer } from '@tanstack/react-virtual';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { FilterActionsProvider } from '@/components/filter-bar/filter-actions';
import { FilterBar } from '@/components/filter-bar/filter-bar';
import { addChips, formatChips, parseChips, type Chip } from '@/lib/domain/query/chips';
import { isFlowColumnId, type FlowColumnId } from '@/lib/domain/flow-list/flow-sort';
import { LiveControls } from '@/components/view-kit/live-controls';
import { LiveTable } from '@/components/view-kit/live-table';
import { NewRowsButton } from '@/components/view-kit/new-rows-button';
import { ColumnChooser } from './column-chooser';
import { ExportMenu } from '@/components/view-kit/export-menu';
import { FlowDetailsPanel } from './flow-details-panel';
import { FlowsStatus } from './flows-status';
import { FLOW_TABLE } from './flow-columns';
import { FlowsTableFooter, FlowsTableEmpty } from './flows-table-states';
import { flowsDataParams, flowsHref, isOpenEnded, parseFlowsSearch } from './search-params';
import { useFlowRows } from './use-flow-rows';
import { TimeWindowPicker } from '@/components/view-kit/time-window-picker';
import { useUrlState } from '@/components/view-kit/use-url-state';
import { useListKeys } from '@/components/view-kit/use-list-keys';

/**
 * The /flows view: filter bar, time range, live tail with pause, the virtualised table and the
 * details panel. All view state is in the URL (search-params.ts, written through useUrlState); rows come from use-flow-rows.ts.
 */
const SIZING_KEY = 'holocron.flows.columnSizing';

export function FlowsView() {
  const router = useRouter();
  const { state, update } = useUrlState(parseFlowsSearch, flowsHref);

  // Only the valid terms reach the server; invalid ones stay visible in the filter bar.
  const segments = useMemo(() => parseChips(state.q, 'flows'), [state.q]);
  const validQ = useMemo(() => formatChips(segments.flatMap((s) => (s.ok ? [s.chip] : []))), [segments]);
  const dataParams = flowsDataParams({ ...state, q: validQ }).toString();
  const openEnded = isOpenEnded(state);

  const paused = state.paused;
  const setPaused = useCallback((p: boolean) => update({ paused: p }), [update]);
  const [atTop, setAtTop] = useState(true);
  // A new filter or range starts a fresh table scrolled to the top.
  useEffect(() => setAtTop(true), [dataParams]);
  const rows = useFlowRows({ dataParams, liveQ: validQ, liveEnabled: openEnded, sort: state.sort, holding: paused || !atTop, enabled: true });
  const { snapshot } = rows;

  const [sizing, setSizing] = useState<ColumnSizingState>({});
  useEffect(() => {
    try {
      setSizing(JSON.parse(localStorage.getItem(SIZING_KEY) ?? '{}') as ColumnSizingState);
    } catch {
      /* a corrupt entry just means default widths */
    }
  }, []);
  const onSizingChange = useCallback((s: ColumnSizingState) => {
    setSizing(s);
    localStorage.setItem(SIZING_KEY, JSON.stringify(s));
  }, []);

  const filterInput = useRef<HTMLInputElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizerRef = useRef<Virtualizer<HTMLDivElement, Element> | null>(null);

  const latestQ = useRef(state.q);
  latestQ.current = state.q;
  const addFilter = useCallback((chip: Chip) => update({ q: addChips(latestQ.current, 'flows', [chip]) }, 'push'), [update]);
  const select = useCallback((id: string | null) => update({ sel: id }), [update]);
  const open = useCallback((id: string) => router.push(`/flows/${encodeURIComponent(id)}`), [router]);
  const onSortChange = useCallback(({ column, desc }: { column: string; desc: boolean }) => {
    if (isFlowColumnId(column)) update({ sort: { column, desc } });
  }, [update]);
  const onSelect = useCallback((id: string) => select(id), [select]);

  const scrollToTop = useCallback(() => {
    scrollRef.current?.scrollTo({ top: 0 });
    setAtTop(true);
  }, []);
  const resume = useCallback(() => {
    setPaused(false);
    scrollToTop();
    if (snapshot.reloadNeeded) rows.reload();
  }, [setPaused, scrollToTop, snapshot.reloadNeeded, rows]);

  useListKeys({
    rows: snapshot.rows,
    selectedId: state.sel,
    select,
    open,
    filterInput,
    table: scrollRef,
    virtualizerRef,
    togglePause: () => (paused ? resume() : setPaused(true)),
  });

  const pending = snapshot.pending;
  return (
    <FilterActionsProvider add={addFilter}>
      <div className="flex h-[calc(100dvh-5.5rem)] min-h-[28rem] flex-col gap-2" data-testid="flows-view">
        <FilterBar source="flows" value={state.q} onChange={(q) => update({ q }, 'push')} inputRef={filterInput} />
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
          <TimeWindowPicker value={state} onChange={(w) => update(w, 'push')} hint="Leave “To” empty to keep following new flows." />
          <LiveControls
            enabled={rows.live.enabled}
            connected={rows.live.connected}
            paused={paused}
            onPause={() => setPaused(true)}
            onResume={resume}
            pending={pending}
            noun="flows"
          />
          <span className="ml-auto flex items-center gap-2">
            <ColumnChooser value={state.cols} onChange={(cols: FlowColumnId[]) => update({ cols })} />
            <ExportMenu source="flows" dataParams={dataParams} />
          </span>
        </div>
        <FlowsStatus snapshot={snapshot} lost={rows.live.lost} sort={state.sort} onReload={rows.reload} />
        <div className="flex min-h-0 flex-1 gap-2">
          <div className="relative min-w-0 flex-1">
            <NewRowsButton count={pending} noun={['flow', 'flows']} action={paused ? 'resume' : 'show'} onClick={resume} />
            {snapshot.rows.length === 0 ? (
              <FlowsTableEmpty load={rows.load} filtered={validQ !== '' || !!state.range || !!state.since || !!state.until} live={rows.live.enabled} onRetry={rows.reload} />
            ) : (
              <LiveTable
                {...FLOW_TABLE}
                rows={snapshot.rows}
                visible={state.cols}
                sizing={sizing}
                onSizingChange={onSizingChange}
                sort={state.sort}
                onSortChange={onSortChange}
                selectedId={state.sel}
                onSelect={onSelect}
                onOpen={open}
                onNearEnd={rows.loadOlder}
                onAtTopChange={setAtTop}
                virtualizerRef={virtualizerRef}
                scrollRef={scrollRef}
                footer={<FlowsTableFooter older={snapshot.older} loading={rows.loadingOlder} error={rows.olderError} onRetry={() => rows.loadOlder(true)} />}
              />
            )}
          </div>
          {state.sel && <FlowDetailsPanel id={state.sel} onClose={() => select(null)} />}
        </div>
        <p className="text-[11px] text-slate-500">
          <kbd>↑</kbd>/<kbd>↓</kbd> select · <kbd>Enter</kbd> open · <kbd>Esc</kbd> close details · <kbd>/</kbd> filter · <kbd>g</kbd> table · <kbd>p</kbd> pause/resume ·
          hover a value for <span className="text-sky-300">+</span>/<span className="text-rose-300">−</span> to filter by it
        </p>
      </div>
    </FilterActionsProvider>
  );
}

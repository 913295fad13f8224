'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { InertText } from '@/components/inert-text';
import { ancestryChain, createViewedBounds, visibleRows, type ProcessForest } from '@/lib/domain/ancestry';
import { eventHref } from '@/lib/domain/process-context/process-link';
import { clockTime, formatDuration } from '@/lib/domain/timeline/format-duration';
import { hideHostRoots } from '@/lib/domain/timeline/hide-host-roots';
import { clusterMarkers, type MarkerCluster } from '@/lib/domain/timeline/marker-clusters';
import { timeTicks } from '@/lib/domain/timeline/time-ticks';
import { panWindow, windowAround, windowFromUrl, windowToNs, windowToUrl, zoomWindow, type ViewWindow } from '@/lib/domain/timeline/view-window';
import { widenRange, type LossMark, type ThrottleBand } from '@/lib/domain/timeline/pod-losses';
import { LossOverlay, LossStrip } from './loss-overlay';
import { MarkerTooltip } from './marker-tooltip';
import { Minimap } from './minimap';
import { ProcessDetails } from './process-details';
import { parseTimelineSearch, timelineHref, treeApiQuery, type TimelineSearch } from './search-params';
import { TimeAxis, TimeGrid } from './time-axis';
import { ROW_HEIGHT, TimelineRow, TREE_WIDTH } from './timeline-row';
import { TimelineLegend } from './timeline-legend';
import { usePodLosses } from './use-pod-losses';
import { usePodTree } from './use-pod-tree';
import { useUrlState, type HistoryMode } from '@/components/view-kit/use-url-state';

/**
 * /pods/<ns>/<pod>: the pod's process-ancestry timeline in the style of Jaeger's trace view. One
 * row per process in tree order (rebuilt from exec_id → parent_exec_id), a bar from exec to exit,
 * the process's other events as ticks, a minimap with a brush and a draggable axis to zoom. The
 * selection (?sel=) and zoom window (?from=&to=) live in the URL. Rows are virtualised: a pod
 * with 10,000 processes draws ~40 rows.
 */
const MARKER_GAP_PX = 6;

export function PodTimeline({ namespace, pod }: { namespace: string; pod: string }) {
  const href = useCallback((s: TimelineSearch) => timelineHref(namespace, pod, s), [namespace, pod]);
  const { state: search, update: write } = useUrlState(parseTimelineSearch, href);
  const { state, tree, forest, error, reload } = usePodTree(namespace, pod, treeApiQuery(search));

  const shown = useMemo<ProcessForest | null>(() => (forest && search.hideHost ? hideHostRoots(forest) : forest), [forest, search.hideHost]);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const rows = useMemo(() => (shown ? visibleRows(shown, collapsed) : []), [shown, collapsed]);
  // Throttles and losses over the window the tree was loaded for (or what it holds).
  const treeRange = tree?.range ?? null;
  const lossSince = tree?.sinceUs != null ? tree.sinceUs / 1000 : treeRange ? treeRange.minNs / 1e6 : null;
  const lossUntil = tree?.untilUs != null ? tree.untilUs / 1000 : treeRange ? treeRange.maxNs / 1e6 : null;
  const incomplete = usePodLosses(namespace, pod, lossSince, lossUntil);
  const range = useMemo(() => (treeRange ? widenRange(treeRange, incomplete.bands, incomplete.losses) : null), [treeRange, incomplete.bands, incomplete.losses]);

  if (state === 'loading' && !tree) return <p className="p-4 text-sm text-slate-400">Rebuilding the process tree of {namespace}/{pod}…</p>;
  if (state === 'error' && !tree) {
    return (
      <div className="rounded border border-red-900 bg-red-950/40 p-4 text-sm text-red-200" role="alert">
        <p className="font-semibold">The process tree of this pod could not be loaded.</p>
        <p className="mt-1 font-mono text-xs">{error}</p>
        <button type="button" className="mt-2 rounded bg-red-800 px-2 py-0.5 text-xs text-white" onClick={reload}>
          Try again
        </button>
      </div>
    );
  }
  if (!tree || !shown || !range || rows.length === 0) {
    return (
      <div className="rounded border border-slate-800 bg-slate-900/50 p-6 text-sm text-slate-300" data-testid="timeline-empty">
        <p className="font-semibold">
          No process events are stored for <InertText value={`${namespace}/${pod}`} />
          {search.since || search.until ? ' in this time window' : ''}.
        </p>
        <p className="mt-1 text-slate-400">
          The pod name must match exactly (namespace and full pod name). Look for it in the{' '}
          <Link className="text-sky-300 underline" href={`/processes?q=${encodeURIComponent(`pod=${namespace}/${pod}`)}`}>
            process events
          </Link>
          {search.since || search.until ? ', or widen the window' : ''}; retained events may also have expired.
        </p>
      </div>
    );
  }
  return (
    <TimelineView
      page={{ namespace, pod, search, write }}
      data={{ forest: shown, rows, range, meta: { events: tree.events, limit: tree.limit, truncated: tree.truncated, skipped: tree.skippedEvents, processes: shown.nodes.size } }}
      collapse={{ collapsed, setCollapsed }}
      incomplete={incomplete}
      reload={reload}
      refreshing={state === 'loading'}
    />
  );
}

/** The page: which pod, and its URL state. */
interface TimelinePage {
  namespace: string;
  pod: string;
  search: TimelineSearch;
  write(patch: Partial<TimelineSearch>, mode?: HistoryMode): void;
}

/** What was loaded: the forest, its visible rows and time range, and what the answer says of itself. */
interface TimelineData {
  forest: ProcessForest;
  rows: ReturnType<typeof visibleRows>;
  range: { minNs: number; maxNs: number };
  meta: { events: number; limit: number; truncated: boolean; skipped: number; processes: number };
}

interface ViewProps {
  page: TimelinePage;
  data: TimelineData;
  collapse: { collapsed: ReadonlySet<string>; setCollapsed(s: ReadonlySet<string>): void };
  incomplete: { bands: ThrottleBand[]; losses: LossMark[]; node: string; error: string | null };
  reload(): void;
  refreshing: boolean;
}

function TimelineView({ page, data, collapse, incomplete, reload, refreshing }: ViewProps) {
  const { namespace, pod, search, write } = page;
  const { forest, rows, range, meta } = data;
  const { collapsed, setCollapsed } = collapse;
  const router = useRouter();
  const view = useMemo(() => windowFromUrl(search.from, search.to, range), [search.from, search.to, range]);
  const setView = useCallback(
    (w: ViewWindow) => {
      const url = windowToUrl(w, range);
      write({ from: url ? Number(url.from) : null, to: url ? Number(url.to) : null });
    },
    [range, write],
  );
  const bounds = useMemo(() => createViewedBounds({ ...range, viewStart: view.start, viewEnd: view.end }), [range, view]);
  const ns = windowToNs(view, range);

  // The bar column's width in pixels: ticks, marker clustering and the minimap need it.
  const axisRef = useRef<HTMLDivElement>(null);
  const [barWidth, setBarWidth] = useState(800);
  useLayoutEffect(() => {
    const el = axisRef.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => entry && setBarWidth(Math.max(100, Math.floor(entry.contentRect.width))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const ticks = useMemo(() => timeTicks(ns.startNs, ns.endNs, Math.max(2, Math.floor(barWidth / 130))), [ns.startNs, ns.endNs, barWidth]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: (i) => rows[i]?.execId ?? i,
  });
  const items = virtualizer.getVirtualItems();
  const selected = search.sel ? forest.nodes.get(search.sel) ?? null : null;
  const selectedIndex = useMemo(() => (search.sel ? rows.findIndex((r) => r.execId === search.sel) : -1), [rows, search.sel]);

  // A deep link to a process: unfold its ancestors and bring it into view, once.
  const revealed = useRef<string | null>(null);
  useEffect(() => {
    if (!search.sel || revealed.current === search.sel || !forest.nodes.has(search.sel)) return;
    const ancestors = ancestryChain(forest, search.sel).slice(1).map((n) => n.execId);
    if (ancestors.some((a) => collapsed.has(a))) {
      setCollapsed(new Set([...collapsed].filter((c) => !ancestors.includes(c))));
      return;
    }
    const i = rows.findIndex((r) => r.execId === search.sel);
    if (i >= 0) {
      revealed.current = search.sel;
      virtualizer.scrollToIndex(i, { align: 'center' });
    }
  }, [search.sel, forest, rows, collapsed, setCollapsed, virtualizer]);

  const select = useCallback((execId: string | null) => write({ sel: execId }), [write]);
  const toggle = useCallback(
    (execId: string) => {
      const next = new Set(collapsed);
      if (next.has(execId)) next.delete(execId);
      else next.add(execId);
      setCollapsed(next);
    },
    [collapsed, setCollapsed],
  );
  const zoomTo = useCallback(
    (execId: string) => {
      const n = forest.nodes.get(execId);
      if (!n) return;
      const end = n.endNs ?? Math.max(n.startNs, ...n.events.map((m) => m.tsNs), range.maxNs);
      setView(windowAround(Math.max(range.minNs, n.startNs), end, range));
    },
    [forest, range, setView],
  );

  const [hover, setHover] = useState<{ cluster: MarkerCluster; x: number; y: number } | null>(null);
  const onMarkerHover = useCallback((cluster: MarkerCluster | null, x: number, y: number) => setHover(cluster ? { cluster, x, y } : null), []);

  const onKeyDown = (e: React.KeyboardEvent) => {
    const move = (i: number) => {
      const r = rows[Math.max(0, Math.min(rows.length - 1, i))];
      if (!r) return;
      select(r.execId);
      virtualizer.scrollToIndex(rows.indexOf(r), { align: 'auto' });
    };
    const row = rows[selectedIndex];
    switch (e.key) {
      case 'ArrowDown':
      case 'j':
        move(selectedIndex + 1);
        break;
      case 'ArrowUp':
      case 'k':
        move(selectedIndex < 0 ? 0 : selectedIndex - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(rows.length - 1);
        break;
      case 'ArrowRight':
        if (e.shiftKey) setView(panWindow(view, 0.25, range));
        else if (row?.hasChildren && row.isCollapsed) toggle(row.execId);
        else if (row?.hasChildren) move(selectedIndex + 1);
        break;
      case 'ArrowLeft':
        if (e.shiftKey) setView(panWindow(view, -0.25, range));
        else if (row?.hasChildren && !row.isCollapsed) toggle(row.execId);
        else if (selected?.treeParent) select(selected.treeParent);
        break;
      case 'Enter':
        if (selected?.execEventId) router.push(eventHref(selected.execEventId));
        break;
      case 'f':
        if (selected) zoomTo(selected.execId);
        break;
      case '+':
      case '=':
        setView(zoomWindow(view, 0.5, 0.5, range));
        break;
      case '-':
        setView(zoomWindow(view, 2, 0.5, range));
        break;
      case '0':
        setView({ start: 0, end: 1 });
        break;
      case 'Escape':
        select(null);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  // Ctrl/⌘ + wheel zooms at the pointer, plain wheel scrolls the rows.
  const onWheel = (e: React.WheelEvent<HTMLDivElement>) => {
    if (!(e.ctrlKey || e.metaKey)) return;
    const r = axisRef.current?.getBoundingClientRect();
    if (!r) return;
    e.preventDefault();
    const anchor = (e.clientX - r.left) / Math.max(1, r.width);
    setView(zoomWindow(view, e.deltaY > 0 ? 1.25 : 0.8, anchor, range));
  };

  const zoomed = view.start > 0 || view.end < 1;
  const allCollapsibles = useMemo(() => [...forest.nodes.values()].filter((n) => n.children.length > 0 && n.depth >= 1).map((n) => n.execId), [forest]);
  const btn = 'rounded border border-slate-700 bg-slate-900 px-2 py-0.5 text-xs text-slate-300 hover:border-slate-500 hover:text-white disabled:opacity-40';

  return (
    <div className="flex max-h-[calc(100vh-5.5rem)] flex-col overflow-hidden rounded border border-slate-800 bg-slate-950" data-testid="pod-timeline">
      <header className="flex shrink-0 flex-wrap items-center gap-x-4 gap-y-1 border-b border-slate-800 bg-slate-900 px-3 py-2">
        <div className="min-w-0">
          <div className="text-[11px] uppercase tracking-wide text-slate-500">Process timeline</div>
          <h1 className="font-mono text-base font-semibold text-slate-100" data-testid="timeline-pod">
            <InertText value={`${namespace}/${pod}`} max={140} />
          </h1>
        </div>
        <div className="text-xs text-slate-400">
          <div>
            {meta.processes.toLocaleString()} processes · {meta.events.toLocaleString()} events · {clockTime(range.minNs)} → {clockTime(range.maxNs)} UTC ({formatDuration(range.maxNs - range.minNs)})
          </div>
          {meta.truncated && (
            <div className="text-amber-300" data-testid="timeline-truncated">
              Only the newest {meta.limit.toLocaleString()} events are drawn (exec and exit first). Narrow with ?since=…&until=… to see older ones.
            </div>
          )}
          {meta.skipped > 0 && <div className="text-amber-300">{meta.skipped} events without an exec_id could not be placed.</div>}
          {(incomplete.bands.length > 0 || incomplete.losses.length > 0) && (
            <div className="text-amber-300" data-testid="timeline-incomplete">
              Incomplete: {incomplete.bands.length > 0 && `${incomplete.bands.length} throttle span${incomplete.bands.length === 1 ? '' : 's'}`}
              {incomplete.bands.length > 0 && incomplete.losses.length > 0 && ', '}
              {incomplete.losses.length > 0 &&
                `${incomplete.losses.reduce((n, l) => n + (l.count ?? 0), 0).toLocaleString('en-US')} events dropped by the agent on ${incomplete.node}`}
            </div>
          )}
          {incomplete.error && <div className="text-slate-500">Throttles and losses could not be loaded: {incomplete.error}</div>}
        </div>
        <div className="ml-auto flex flex-wrap items-center gap-1">
          <button type="button" className={btn} onClick={() => setView(zoomWindow(view, 0.5, 0.5, range))} title="Zoom in (+)">
            +
          </button>
          <button type="button" className={btn} onClick={() => setView(zoomWindow(view, 2, 0.5, range))} disabled={!zoomed} title="Zoom out (−)">
            −
          </button>
          <button type="button" className={btn} onClick={() => setView({ start: 0, end: 1 })} disabled={!zoomed} title="Show the whole range (0)" data-testid="zoom-reset">
            Whole range
          </button>
          <span className="mx-1 h-4 w-px bg-slate-700" />
          <button type="button" className={btn} onClick={() => setCollapsed(new Set())} disabled={collapsed.size === 0}>
            Expand all
          </button>
          <button type="button" className={btn} onClick={() => setCollapsed(new Set(allCollapsibles))} disabled={allCollapsibles.length === 0}>
            Collapse all
          </button>
          <label className="flex items-center gap-1 text-xs text-slate-300" title="Host parents such as containerd-shim, drawn dimmed; hiding them lifts the pod's own processes to roots">
            <input type="checkbox" checked={!search.hideHost} onChange={(e) => write({ hideHost: !e.target.checked })} className="accent-sky-500" />
            host parents
          </label>
          <button type="button" className={btn} onClick={reload} title="Load the pod's events again">
            {refreshing ? 'Reloading…' : 'Reload'}
          </button>
          <Link href={`/processes?q=${encodeURIComponent(`pod=${namespace}/${pod}`)}`} className={btn}>
            Events table
          </Link>
        </div>
      </header>

      <div className="flex shrink-0 overflow-hidden border-b border-slate-800 [scrollbar-gutter:stable]">
        <div className="shrink-0 border-r border-slate-800 bg-slate-950 px-3 py-1.5" style={{ width: TREE_WIDTH }}>
          <TimelineLegend />
        </div>
        <div className="min-w-0 flex-1">
          <div className="relative">
            <Minimap forest={forest} rows={rows} range={range} window={view} width={barWidth} onWindow={(w) => setView(w)} />
            {/* Throttles and losses over the whole range, so they can be found when zoomed in. */}
            <LossOverlay bands={incomplete.bands} losses={incomplete.losses} startNs={range.minNs} endNs={range.maxNs} />
          </div>
        </div>
      </div>
      <div className="flex shrink-0 overflow-hidden [scrollbar-gutter:stable]">
        <div className="flex shrink-0 items-center justify-between border-b border-r border-slate-700 bg-slate-900 px-3 text-[11px] uppercase tracking-wide text-slate-400" style={{ width: TREE_WIDTH }}>
          <span>Process</span>
          <span className="normal-case tracking-normal text-slate-500" title="Start of the viewed window">
            {clockTime(ns.startNs)} UTC · {formatDuration(ns.endNs - ns.startNs)} shown
          </span>
        </div>
        <div ref={axisRef} className="min-w-0 flex-1">
          <TimeAxis ticks={ticks} onZoom={(a, b) => setView({ start: view.start + a * (view.end - view.start), end: view.start + b * (view.end - view.start) })} />
        </div>
      </div>
      {(incomplete.bands.length > 0 || incomplete.losses.length > 0) && (
        <div className="flex shrink-0 overflow-hidden [scrollbar-gutter:stable]">
          <div className="flex shrink-0 items-center border-b border-r border-slate-800 bg-slate-950 px-3 text-[10px] uppercase tracking-wide text-amber-300/80" style={{ width: TREE_WIDTH }}>
            Throttled · events lost
          </div>
          <div className="min-w-0 flex-1">
            <LossStrip bands={incomplete.bands} losses={incomplete.losses} startNs={ns.startNs} endNs={ns.endNs} />
          </div>
        </div>
      )}

      <div
        ref={scrollRef}
        className="relative min-h-16 flex-[0_1_auto] overflow-auto outline-none [scrollbar-gutter:stable] focus-visible:ring-1 focus-visible:ring-inset focus-visible:ring-sky-600"
        tabIndex={0}
        role="treegrid"
        aria-label={`Processes of ${namespace}/${pod}. Arrow keys move and fold, Enter opens the exec event, + and − zoom, f zooms to the process.`}
        aria-rowcount={rows.length}
        onKeyDown={onKeyDown}
        onWheel={onWheel}
        data-testid="timeline-rows"
      >
        <div className="relative" style={{ height: virtualizer.getTotalSize() }}>
          <div className="pointer-events-none absolute inset-y-0 right-0" style={{ left: TREE_WIDTH }}>
            <TimeGrid ticks={ticks} />
            <LossOverlay bands={incomplete.bands} losses={incomplete.losses} startNs={ns.startNs} endNs={ns.endNs} />
          </div>
          {items.map((vi) => {
            const row = rows[vi.index];
            const node = row ? forest.nodes.get(row.execId) : undefined;
            if (!row || !node) return null;
            const b = bounds(node.startNs, node.endNs);
            const toX = (t: number) => (t - ns.startNs) / Math.max(1, ns.endNs - ns.startNs);
            const clusters = clusterMarkers(node.events, toX, MARKER_GAP_PX / barWidth);
            return (
              <TimelineRow
                key={vi.key}
                row={row}
                node={node}
                bounds={b}
                clusters={clusters}
                start={vi.start}
                index={vi.index}
                selected={node.execId === search.sel}
                onSelect={select}
                onToggle={toggle}
                onZoomTo={zoomTo}
                onMarkerHover={onMarkerHover}
              />
            );
          })}
        </div>
      </div>

      {selected && (
        <div className="flex max-h-[40vh] min-h-32 shrink-0 flex-col">
          <ProcessDetails forest={forest} node={selected} rangeStartNs={range.minNs} onSelect={select} onZoomTo={zoomTo} onClose={() => select(null)} />
        </div>
      )}
      {hover && <MarkerTooltip cluster={hover.cluster} x={hover.x} y={hover.y} rangeStartNs={range.minNs} />}
    </div>
  );
}

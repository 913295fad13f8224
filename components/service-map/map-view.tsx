'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { FilterBar } from '@/components/filter-bar/filter-bar';
import { formatChips, parseChips } from '@/lib/domain/query/chips';
import { rankMapEndpoints } from '@/lib/domain/service-map/endpoint-rank';
import type { ServiceMap } from '@/lib/domain/service-map/service-map';
import { edgeChips, flowsLink, nodeChips } from './flows-link';
import type { MapLayout } from './layout-job';
import { MapCanvas, type MapTarget } from './map-canvas';
import { MapEmptyState } from './map-empty-state';
import { MapLegend } from './map-legend';
import { MapSelectionPanel } from './map-selection-panel';
import { MapStatus } from './map-status';
import { TimeWindowPicker } from '@/components/view-kit/time-window-picker';
import { isLive, mapDataParams, mapHref, parseMapSearch, type Viewport } from './search-params';
import { useMapLayout } from './use-map-layout';
import { useUrlState } from '@/components/view-kit/use-url-state';
import { useMapZoom } from './use-map-zoom';
import { useServiceMap } from './use-service-map';

/**
 * The /map view: filter bar and time range over the service map of stored flows, refreshed
 * every 5 s while the window is open-ended, laid out in a worker (stable as flows arrive), drawn
 * as SVG, zoomed with d3-zoom. Filter, window, viewport and selection live in the URL.
 */
const EMPTY_MAP: ServiceMap = { nodes: [], edges: [], islands: [] };
const EMPTY_LAYOUT: MapLayout = { id: 0, nodes: new Map(), islands: [], bounds: { x: 0, y: 0, width: 0, height: 0 }, edges: [], ms: 0, ranIn: 'worker' };

export function MapView() {
  const router = useRouter();
  const { state, update } = useUrlState(parseMapSearch, mapHref);

  // Only valid terms reach the server; invalid ones stay visible (and explained) in the filter bar.
  const validQ = useMemo(() => formatChips(parseChips(state.q, 'flows').flatMap((s) => (s.ok ? [s.chip] : []))), [state.q]);
  const dataParams = mapDataParams({ ...state, q: validQ }).toString();
  const live = isLive(state);
  const { map: answer, window: mapWindow, error, loading, refreshedAt, refresh } = useServiceMap(dataParams, live);
  const map = useMemo(() => (answer ? rankMapEndpoints(answer) : null), [answer]);
  const { layout, tidy, tidied } = useMapLayout(map);

  const svgRef = useRef<SVGSVGElement>(null);
  const contentRef = useRef<SVGGElement>(null);
  const initialViewport = useRef(state.viewport);
  const onUserViewport = useCallback((viewport: Viewport) => update({ viewport }), [update]);
  const zoom = useMapZoom(svgRef, contentRef, initialViewport.current, onUserViewport);

  // Fit to the content when there is no viewport to restore, after a tidy, and for a new question.
  const needsFit = useRef(initialViewport.current === null);
  const lastQuestion = useRef(dataParams);
  useEffect(() => {
    if (lastQuestion.current !== dataParams) {
      lastQuestion.current = dataParams;
      needsFit.current = true;
    }
  }, [dataParams]);
  useEffect(() => {
    needsFit.current = needsFit.current || tidied > 0;
  }, [tidied]);
  const { fit } = zoom;
  useEffect(() => {
    if (!layout || layout.nodes.size === 0 || !needsFit.current) return;
    needsFit.current = false;
    fit(layout.bounds);
    if (state.viewport) update({ viewport: null });
  }, [layout, fit, state.viewport, update]);

  const nodesById = useMemo(() => new Map((map ?? EMPTY_MAP).nodes.map((n) => [n.id, n])), [map]);
  const selectedEdge = state.edge ? (map?.edges.find((e) => e.id === state.edge) ?? null) : null;
  const selectedNode = state.node ? (nodesById.get(state.node) ?? null) : null;
  const selected: MapTarget | null = selectedNode ? { kind: 'node', id: selectedNode.id } : selectedEdge ? { kind: 'edge', id: selectedEdge.id } : null;

  const hrefFor = useCallback(
    (t: MapTarget): string | null => {
      if (t.kind === 'node') {
        const n = nodesById.get(t.id);
        return n ? flowsLink(nodeChips(n), { ...state, q: validQ }) : null;
      }
      const e = map?.edges.find((x) => x.id === t.id);
      const from = e && nodesById.get(e.source);
      const to = e && nodesById.get(e.destination);
      return e && from && to ? flowsLink(edgeChips(e, from, to), { ...state, q: validQ }) : null;
    },
    [map, nodesById, state, validQ],
  );
  const onSelect = useCallback(
    (t: MapTarget | null) => update({ node: t?.kind === 'node' ? t.id : null, edge: t?.kind === 'edge' ? t.id : null }),
    [update],
  );
  const onOpen = useCallback(
    (t: MapTarget) => {
      const href = hrefFor(t);
      if (href) router.push(href);
    },
    [hrefFor, router],
  );

  const filterInput = useRef<HTMLInputElement>(null);
  const fitNow = useCallback(() => {
    if (layout && layout.nodes.size > 0) fit(layout.bounds);
    update({ viewport: null });
  }, [layout, fit, update]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Keys typed into a field, or meant for a focused link or button, are theirs.
      const own = e.target instanceof HTMLElement && (e.target.isContentEditable || e.target.closest('input,textarea,select,a,button') !== null);
      if (own || e.metaKey || e.ctrlKey || e.altKey) return;
      if (e.key === 'Escape') onSelect(null);
      else if (e.key === '/') {
        e.preventDefault();
        filterInput.current?.focus();
      } else if (e.key === 'f') fitNow();
      else if (e.key === 'Enter' && selected) onOpen(selected);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onSelect, fitNow, onOpen, selected]);

  const [legendOpen, setLegendOpen] = useState(true);
  const empty = map !== null && map.nodes.length === 0 && !error;
  const selectionHref = selected ? hrefFor(selected) : null;
  const selectionGone = map !== null && !selected && (state.node !== null || state.edge !== null);

  return (
    <div className="flex h-[calc(100dvh-5.5rem)] min-h-[28rem] flex-col gap-2" data-testid="map-view">
      <FilterBar source="flows" value={state.q} onChange={(q) => update({ q }, 'push')} inputRef={filterInput} />
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
        <TimeWindowPicker value={state} onChange={(w) => update(w, 'push')} all={false} hint="Leave “To” empty to keep the map sliding with new flows." />
        <span className="ml-auto flex items-center gap-2">
          <button type="button" onClick={fitNow} className="rounded bg-slate-800 px-2 py-0.5 text-xs text-slate-200 hover:bg-slate-700" title="Fit the whole map in view (f)">
            fit
          </button>
          <button
            type="button"
            onClick={tidy}
            className="rounded bg-slate-800 px-2 py-0.5 text-xs text-slate-200 hover:bg-slate-700"
            title="Lay the map out afresh (positions stay stable otherwise, as flows arrive)"
            data-testid="map-tidy"
          >
            re-layout
          </button>
        </span>
      </div>
      <MapStatus
        map={map}
        window={mapWindow}
        live={live}
        loading={loading}
        refreshedAt={refreshedAt}
        layoutMs={layout?.ms ?? null}
        error={error?.param === 'q' ? null : (error?.message ?? null)}
        onRetry={refresh}
      />
      {selectionGone && (
        <p className="text-xs text-amber-300" data-testid="selection-gone">
          The selected {state.node ? 'workload' : 'edge'} has no flows in this window or filter.{' '}
          <button type="button" className="underline hover:text-amber-200" onClick={() => onSelect(null)}>
            clear the selection
          </button>
        </p>
      )}
      {error?.param === 'q' && (
        <p role="alert" className="text-xs text-red-300" data-testid="map-error">
          The server refused the filter: {error.message}
        </p>
      )}
      <div className="relative min-h-0 flex-1 overflow-hidden rounded-md border border-slate-800 bg-[#0a0f1c]" data-testid="map-area" data-layout-ms={layout?.ms ?? ''} data-layout-ran-in={layout?.ranIn ?? ''}>
        <MapCanvas
          map={map ?? EMPTY_MAP}
          layout={layout ?? EMPTY_LAYOUT}
          lod={zoom.lod}
          view={zoom.view}
          selected={selected}
          svgRef={svgRef}
          contentRef={contentRef}
          onSelect={onSelect}
          onOpen={onOpen}
        />
        {!map && loading && <p className="absolute inset-0 flex items-center justify-center text-sm text-slate-400">Loading the service map…</p>}
        {map && map.nodes.length > 0 && !layout && <p className="absolute inset-0 flex items-center justify-center text-sm text-slate-400">Laying out…</p>}
        {empty && <MapEmptyState filtered={validQ !== ''} onRange={(range) => update({ range, since: null, until: null }, 'push')} />}
        <MapLegend open={legendOpen} onToggle={() => setLegendOpen((o) => !o)} />
        {selected && selectionHref && (
          <MapSelectionPanel edge={selectedEdge} node={selectedNode} nodesById={nodesById} flowsHref={selectionHref} onClose={() => onSelect(null)} />
        )}
      </div>
      <p className="text-[11px] text-slate-500">
        drag to pan · wheel to zoom · <kbd>f</kbd> fit · click to select · double-click or <kbd>Enter</kbd> open its flows · <kbd>Esc</kbd> deselect ·{' '}
        <kbd>/</kbd> filter
      </p>
    </div>
  );
}

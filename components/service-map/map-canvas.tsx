'use client';

import { useMemo, useRef, useState, type MouseEvent, type PointerEvent, type RefObject } from 'react';
import type { Box } from '@/lib/domain/service-map/box';
import type { ServiceMap } from '@/lib/domain/service-map/service-map';
import { EDGE_COLOR } from './edge-style';
import { EdgeLabel, EdgeView } from './edge-view';
import { IslandName, IslandView } from './island-view';
import { EdgeDetails, NodeDetails } from './map-details';
import { MapTooltip } from './map-tooltip';
import type { MapLayout } from './layout-job';
import { focusSets, labelShown } from './map-focus';
import { NodeCard } from './node-card';
import type { Lod } from './use-map-zoom';

/**
 * The map as plain SVG: islands, then edges, then cards, then edge labels on top. d3-zoom moves
 * the content <g> (use-map-zoom.ts); React redraws only when the map, layout, level of detail,
 * hover or selection change, and memoised parts skip what did not. Pointer events are delegated
 * to the content group and resolved with data-node-id / data-edge-id.
 */
export type MapTarget = { kind: 'node' | 'edge'; id: string };

export interface MapCanvasProps {
  map: ServiceMap;
  layout: MapLayout;
  lod: Lod;
  /** Labels are drawn only around what is in view (use-map-zoom.ts). */
  view: Box | null;
  selected: MapTarget | null;
  svgRef: RefObject<SVGSVGElement | null>;
  contentRef: RefObject<SVGGElement | null>;
  onSelect: (t: MapTarget | null) => void;
  onOpen: (t: MapTarget) => void;
}

function targetOf(el: EventTarget | null): MapTarget | null {
  if (!(el instanceof Element)) return null;
  const hit = el.closest('[data-node-id],[data-edge-id]');
  if (!hit) return null;
  const node = hit.getAttribute('data-node-id');
  if (node !== null) return { kind: 'node', id: node };
  const edge = hit.getAttribute('data-edge-id');
  return edge !== null ? { kind: 'edge', id: edge } : null;
}

const same = (a: MapTarget | null, b: MapTarget | null) => a?.kind === b?.kind && a?.id === b?.id;

export function MapCanvas({ map, layout, lod, view, selected, svgRef, contentRef, onSelect, onOpen }: MapCanvasProps) {
  const [hover, setHover] = useState<MapTarget | null>(null);
  const hoverAt = useRef({ x: 0, y: 0 });
  const nodesById = useMemo(() => new Map(map.nodes.map((n) => [n.id, n])), [map.nodes]);
  const edgesById = useMemo(() => new Map(map.edges.map((e) => [e.id, e])), [map.edges]);
  const focusTarget = hover ?? selected;
  const focus = useMemo(
    () =>
      focusSets(
        { node: focusTarget?.kind === 'node' ? focusTarget.id : null, edge: focusTarget?.kind === 'edge' ? focusTarget.id : null },
        map.edges,
      ),
    [focusTarget?.kind, focusTarget?.id, map.edges],
  );
  const routes = useMemo(() => new Map(layout.edges.map((r) => [r.id, r])), [layout.edges]);
  // A hovered edge only brightens itself; a node in focus, or a selected edge, fades the rest.
  const fading = focus.active && !(hover?.kind === 'edge');

  // Far out, or many edges short of full detail: the plain forwarded edges step back.
  const crowded = lod === 'overview' || (map.edges.length > 400 && lod !== 'detail');
  const inView = (p: { x: number; y: number }) => !view || (p.x >= view.x && p.y >= view.y && p.x <= view.x + view.width && p.y <= view.y + view.height);

  const pointerOver = (e: PointerEvent) => {
    const t = targetOf(e.target);
    if (!same(t, hover)) {
      setHover(t);
      hoverAt.current = { x: e.clientX, y: e.clientY };
    }
  };
  const pointerLeave = () => setHover(null);
  const hoverEdge = hover?.kind === 'edge' ? edgesById.get(hover.id) : undefined;
  const hoverNode = hover?.kind === 'node' ? nodesById.get(hover.id) : undefined;
  const click = (e: MouseEvent) => {
    e.stopPropagation();
    onSelect(targetOf(e.target));
  };
  const doubleClick = (e: MouseEvent) => {
    const t = targetOf(e.target);
    if (t) onOpen(t);
  };

  return (
    <>
    <svg ref={svgRef} className="h-full w-full touch-none select-none" data-testid="map-svg" onClick={() => onSelect(null)} role="img" aria-label="Service map">
      <defs>
        {(Object.keys(EDGE_COLOR) as (keyof typeof EDGE_COLOR)[]).map((v) => (
          <marker key={v} id={`map-arrow-${v}`} viewBox="0 0 10 10" refX={9} refY={5} markerWidth={11} markerHeight={11} markerUnits="userSpaceOnUse" orient="auto">
            <path d="M0 0 L10 5 L0 10 z" fill={EDGE_COLOR[v]} />
          </marker>
        ))}
      </defs>
      <g ref={contentRef} onPointerOver={pointerOver} onPointerLeave={pointerLeave} onClick={click} onDoubleClick={doubleClick}>
        {layout.islands.map((island, i) => (
          <IslandView key={`${island.namespace}#${i}`} island={island} />
        ))}
        <g data-layer="edges">
          {map.edges.map((e) => {
            const route = routes.get(e.id);
            if (!route) return null;
            return (
              <EdgeView key={e.id} edge={e} route={route} highlighted={focus.edges.has(e.id)} dimmed={fading && !focus.edges.has(e.id)} faint={crowded} />
            );
          })}
        </g>
        <g data-layer="nodes">
          {map.nodes.map((n) => {
            const box = layout.nodes.get(n.id);
            if (!box) return null;
            const isSelected = selected?.kind === 'node' && selected.id === n.id;
            // Endpoint rows only for cards around the view: the rest would be specks anyway.
            const rows = lod !== 'overview' && inView({ x: box.x + box.width / 2, y: box.y + box.height / 2 });
            return <NodeCard key={n.id} node={n} box={box} lod={rows ? lod : 'overview'} selected={isSelected} dimmed={fading && !focus.nodes.has(n.id)} />;
          })}
        </g>
        <g data-layer="edge-labels">
          {map.edges.map((e) => {
            const route = routes.get(e.id);
            const focused = focus.edges.has(e.id);
            if (!route || !labelShown(e, lod, focused) || (!focused && !inView(route.label))) return null;
            return <EdgeLabel key={e.id} edge={e} route={route} highlighted={focused} dimmed={fading && !focused} />;
          })}
        </g>
        {lod === 'overview' && (
          <g data-layer="island-names">
            {layout.islands.map((island, i) => (
              <IslandName key={`${island.namespace}#${i}`} island={island} />
            ))}
          </g>
        )}
      </g>
    </svg>
    {(hoverEdge || hoverNode) && (
      <MapTooltip anchor={svgRef} at={hoverAt.current}>
        {hoverEdge && <EdgeDetails edge={hoverEdge} from={nodesById.get(hoverEdge.source)} to={nodesById.get(hoverEdge.destination)} compact />}
        {hoverNode && <NodeDetails node={hoverNode} compact />}
        <p className="mt-2 text-[11px] text-slate-500">click to select · double-click to open its flows</p>
      </MapTooltip>
    )}
    </>
  );
}

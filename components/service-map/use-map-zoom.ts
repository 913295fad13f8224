'use client';

import { select } from 'd3-selection';
import { zoom, zoomIdentity, type ZoomBehavior } from 'd3-zoom';
import { startTransition, useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { Box } from '@/lib/domain/service-map/box';
import { MAX_ZOOM, MIN_ZOOM, type Viewport } from './search-params';

/**
 * d3-zoom on the map's <svg>: d3 owns the gesture, the transform goes straight onto the content
 * <g> once per animation frame, and React only hears about it when the level of detail changes
 * or the gesture ends (then the viewport is written to the URL). No React render per wheel tick.
 */
export type Lod = 'overview' | 'normal' | 'detail';

export function lodFor(k: number): Lod {
  return k < 0.4 ? 'overview' : k < 0.9 ? 'normal' : 'detail';
}

export interface MapZoom {
  lod: Lod;
  /**
   * The map area in view (map units) when the last gesture ended, grown by half a screen on each
   * side: labels outside it are not drawn, so zooming into a 2,000-edge map mounts dozens, not
   * thousands. Null before the first transform.
   */
  view: Box | null;
  fit: (bounds: Box) => void;
  current: RefObject<Viewport>;
}

const FIT_PADDING = 40;

function visibleArea(svg: SVGSVGElement, v: Viewport): Box {
  const { width, height } = svg.getBoundingClientRect();
  const w = width / v.k;
  const h = height / v.k;
  return { x: -v.x / v.k - w / 2, y: -v.y / v.k - h / 2, width: 2 * w, height: 2 * h };
}
const FIT_MAX_ZOOM = 1.25;

export function useMapZoom(
  svgRef: RefObject<SVGSVGElement | null>,
  contentRef: RefObject<SVGGElement | null>,
  initial: Viewport | null,
  onUserViewport: (v: Viewport) => void,
): MapZoom {
  const behaviour = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  const current = useRef<Viewport>(initial ?? { x: 0, y: 0, k: 1 });
  const [lod, setLod] = useState<Lod>(lodFor(current.current.k));
  const [view, setView] = useState<Box | null>(null);
  const onEnd = useRef(onUserViewport);
  onEnd.current = onUserViewport;

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    let frame = 0;
    const paint = () => {
      frame = 0;
      const { x, y, k } = current.current;
      contentRef.current?.setAttribute('transform', `translate(${x},${y}) scale(${k})`);
    };
    const z = zoom<SVGSVGElement, unknown>()
      .scaleExtent([MIN_ZOOM, MAX_ZOOM])
      .on('zoom', (e: { transform: Viewport }) => {
        current.current = { x: e.transform.x, y: e.transform.y, k: e.transform.k };
        if (!frame) frame = requestAnimationFrame(paint);
        // Same value: React bails out. A new level re-renders in a transition, in slices, so
        // the gesture keeps its frames.
        const next = lodFor(e.transform.k);
        startTransition(() => setLod(next));
      })
      .on('end', (e: { sourceEvent: unknown }) => {
        const area = visibleArea(svg, current.current);
        startTransition(() => setView(area));
        // Only gestures go to the URL; a programmatic fit leaves the link "fit to content".
        if (e.sourceEvent) onEnd.current(current.current);
      });
    const sel = select(svg);
    sel.call(z).on('dblclick.zoom', null); // double-click opens flows, it does not zoom
    behaviour.current = z;
    const v = current.current;
    sel.call(z.transform, zoomIdentity.translate(v.x, v.y).scale(v.k));
    return () => {
      cancelAnimationFrame(frame);
      sel.on('.zoom', null);
      behaviour.current = null;
    };
  }, [svgRef, contentRef]);

  const fit = useCallback(
    (b: Box) => {
      const svg = svgRef.current;
      const z = behaviour.current;
      if (!svg || !z || b.width <= 0 || b.height <= 0) return;
      const { width, height } = svg.getBoundingClientRect();
      if (width <= 0 || height <= 0) return;
      const k = Math.max(
        MIN_ZOOM,
        Math.min(FIT_MAX_ZOOM, (width - 2 * FIT_PADDING) / b.width, (height - 2 * FIT_PADDING) / b.height),
      );
      const x = width / 2 - (b.x + b.width / 2) * k;
      const y = height / 2 - (b.y + b.height / 2) * k;
      select(svg).call(z.transform, zoomIdentity.translate(x, y).scale(k));
    },
    [svgRef],
  );

  return { lod, view, fit, current };
}

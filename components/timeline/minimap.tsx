'use client';

import { brushX, type BrushBehavior } from 'd3-brush';
import { select } from 'd3-selection';
import { useEffect, useRef } from 'react';
import type { ProcessForest, ProcessRow } from '@/lib/domain/ancestry';
import type { TimeRange } from '@/lib/domain/ancestry/time-range';
import { barTone } from '@/lib/domain/timeline/bar-tone';
import type { ViewWindow } from '@/lib/domain/timeline/view-window';
import { MINIMAP_COLOR } from './tone-styles';

/**
 * The whole pod at a glance, like Jaeger's span graph: every row a thin line over the full time
 * range (canvas: 10,000 processes are 10,000 strokes, not DOM nodes), with a d3-brush to choose
 * the zoom window. d3 owns the brush's SVG; its selection is fed back through onWindow, and a
 * window set elsewhere (axis drag, keys, URL) moves the brush without echoing back.
 */
const HEIGHT = 56;

export function Minimap({
  forest,
  rows,
  range,
  window: view,
  width,
  onWindow,
}: {
  forest: ProcessForest;
  rows: readonly ProcessRow[];
  range: TimeRange;
  window: ViewWindow;
  width: number;
  onWindow(w: ViewWindow): void;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const gRef = useRef<SVGGElement>(null);
  const brush = useRef<BrushBehavior<unknown> | null>(null);
  const onWindowRef = useRef(onWindow);
  onWindowRef.current = onWindow;

  useEffect(() => {
    const c = canvas.current;
    if (!c || width <= 0) return;
    const dpr = window.devicePixelRatio || 1;
    c.width = Math.round(width * dpr);
    c.height = Math.round(HEIGHT * dpr);
    const ctx = c.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, HEIGHT);
    const span = Math.max(1, range.maxNs - range.minNs);
    const n = Math.max(1, rows.length);
    const lineH = Math.max(1, Math.min(4, (HEIGHT - 4) / n));
    rows.forEach((row, i) => {
      const node = forest.nodes.get(row.execId);
      if (!node || node.placeholder) return;
      const x0 = Math.max(0, ((node.startNs - range.minNs) / span) * width);
      const x1 = Math.min(width, (((node.endNs ?? range.maxNs) - range.minNs) / span) * width);
      ctx.fillStyle = MINIMAP_COLOR[barTone(node)];
      ctx.fillRect(x0, 2 + (i / n) * (HEIGHT - 4), Math.max(1, x1 - x0), lineH);
    });
  }, [forest, rows, range, width]);

  useEffect(() => {
    const g = gRef.current;
    if (!g || width <= 0) return;
    const b = brushX<unknown>()
      .extent([
        [0, 0],
        [width, HEIGHT],
      ])
      .on('end', (event: { selection: [number, number] | null; sourceEvent?: unknown }) => {
        if (!event.sourceEvent) return; // moved by us
        const sel = event.selection;
        onWindowRef.current(sel ? { start: sel[0] / width, end: sel[1] / width } : { start: 0, end: 1 });
      });
    brush.current = b;
    select(g).call(b);
    return () => {
      select(g).on('.brush', null).selectAll('*').remove();
      brush.current = null;
    };
  }, [width]);

  useEffect(() => {
    const g = gRef.current;
    const b = brush.current;
    if (!g || !b || width <= 0) return;
    const whole = view.start <= 0 && view.end >= 1;
    select(g).call(b.move, whole ? null : [view.start * width, view.end * width]);
  }, [view.start, view.end, width]);

  return (
    <div className="relative border-b border-slate-800 bg-slate-950" style={{ height: HEIGHT }} data-testid="timeline-minimap" title="Drag to choose the zoom window; click to show everything">
      <canvas ref={canvas} className="absolute inset-0" style={{ width, height: HEIGHT }} aria-hidden="true" />
      <svg className="absolute inset-0" width={width} height={HEIGHT} role="img" aria-label="Overview of the whole pod; drag to zoom">
        <g ref={gRef} className="[&_.selection]:fill-sky-400/20 [&_.selection]:stroke-sky-300" />
      </svg>
    </div>
  );
}

'use client';

import { useRef, useState } from 'react';
import type { Tick } from '@/lib/domain/timeline/time-ticks';

/**
 * The time axis above the bars: tick labels (offsets from the start of the pod's range) and, as in
 * Jaeger's trace view, drag across it to zoom into that span. The grid lines under the bars are
 * drawn by TimeGrid with the same ticks.
 */
export function TimeAxis({ ticks, onZoom }: { ticks: readonly Tick[]; onZoom(a: number, b: number): void }) {
  const ref = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<{ a: number; b: number } | null>(null);
  const at = (clientX: number): number => {
    const r = ref.current!.getBoundingClientRect();
    return Math.min(1, Math.max(0, (clientX - r.left) / Math.max(1, r.width)));
  };
  return (
    <div
      ref={ref}
      className="relative h-7 cursor-col-resize select-none border-b border-slate-700 bg-slate-900"
      title="Drag across the axis to zoom into that span"
      data-testid="time-axis"
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        e.currentTarget.setPointerCapture(e.pointerId);
        const x = at(e.clientX);
        setDrag({ a: x, b: x });
      }}
      onPointerMove={(e) => drag && setDrag({ a: drag.a, b: at(e.clientX) })}
      onPointerUp={() => {
        if (drag && Math.abs(drag.b - drag.a) > 0.004) onZoom(Math.min(drag.a, drag.b), Math.max(drag.a, drag.b));
        setDrag(null);
      }}
      onPointerCancel={() => setDrag(null)}
    >
      {ticks.map((t) => (
        <div key={t.offsetNs} className="absolute top-0 h-full border-l border-slate-700" style={{ left: `${t.x * 100}%` }}>
          <span className={`absolute top-1.5 whitespace-nowrap font-mono text-[10px] text-slate-400 ${t.x > 0.94 ? 'right-1' : 'left-1'}`}>{t.label}</span>
        </div>
      ))}
      {drag && (
        <div
          className="pointer-events-none absolute top-0 h-full border-x border-sky-400 bg-sky-400/20"
          style={{ left: `${Math.min(drag.a, drag.b) * 100}%`, width: `${Math.abs(drag.b - drag.a) * 100}%` }}
        />
      )}
    </div>
  );
}

/** Vertical grid lines across the rows, at the axis ticks. */
export function TimeGrid({ ticks }: { ticks: readonly Tick[] }) {
  return (
    <div className="pointer-events-none absolute inset-0" aria-hidden="true">
      {ticks.map((t) => (
        <div key={t.offsetNs} className="absolute top-0 h-full border-l border-slate-800/80" style={{ left: `${t.x * 100}%` }} />
      ))}
    </div>
  );
}

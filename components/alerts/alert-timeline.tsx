'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AlertFilter } from '@/lib/domain/alerts/alert-filter';
import type { AlertTimeline as Timeline } from '@/lib/domain/alerts/alert-types';
import { microsToIso } from '@/lib/domain/time';
import { PRIORITY_COLOR, PRIORITY_LABEL } from './priority-style';
import { alertsHref } from './search-params';
import { layoutTimeline } from './timeline-layout';

const HEIGHT = 96;
const AXIS = 18;

function bucketTitle(startUs: number, endUs: number, segments: { priority: keyof typeof PRIORITY_LABEL; count: number }[]): string {
  const when = `${microsToIso(startUs).slice(11, 19)}–${microsToIso(endUs).slice(11, 19)} UTC`;
  const what = segments.length ? segments.map((s) => `${s.count} ${PRIORITY_LABEL[s.priority]}`).join(', ') : 'no alerts';
  return `${when}: ${what} — click to zoom in`;
}

/**
 * Alert occurrences over time, a bar per bucket stacked by priority. Clicking (or Enter on) a
 * bar narrows the page's time range to that bucket; the range lives in the URL like every filter.
 */
export function AlertTimeline({ timeline, filter }: { timeline: Timeline | null; filter: AlertFilter }) {
  const router = useRouter();
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => setWidth(Math.floor(entry?.contentRect.width ?? 0)));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const layout = useMemo(() => (timeline && width > 0 ? layoutTimeline(timeline, width, HEIGHT) : null), [timeline, width]);
  const zoom = (startUs: number, endUs: number) => router.push(alertsHref(filter, { since: microsToIso(startUs), until: microsToIso(endUs) }));

  return (
    <section className="rounded border border-slate-800 bg-slate-900/60 p-3" data-testid="alert-timeline">
      <h2 className="mb-1 flex items-baseline gap-2 text-xs font-semibold uppercase tracking-wide text-slate-400">
        Timeline
        {timeline && (
          <span className="font-normal normal-case text-slate-500">
            {microsToIso(timeline.startUs).slice(0, 19).replace('T', ' ')} → {microsToIso(timeline.endUs).slice(11, 19)} UTC ·{' '}
            {Math.round(timeline.bucketUs / 1_000_000)} s per bar · max {layout?.yMax ?? 0}
          </span>
        )}
      </h2>
      <div ref={box} className="w-full">
        {!timeline ? (
          <p className="flex h-[114px] items-center justify-center text-xs text-slate-500">No alert occurrences in this range.</p>
        ) : (
          layout && (
            <svg width={width} height={HEIGHT + AXIS} role="img" aria-label="Alert occurrences over time, by priority">
              <line x1={0} x2={width} y1={HEIGHT + 0.5} y2={HEIGHT + 0.5} stroke="#334155" />
              {layout.bars.map((bar) =>
                bar.total === 0 ? null : (
                  <g
                    key={bar.startUs}
                    role="button"
                    tabIndex={0}
                    className="cursor-pointer outline-none focus-visible:opacity-80 [&:hover>rect]:opacity-80"
                    onClick={() => zoom(bar.startUs, bar.endUs)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' || e.key === ' ') {
                        e.preventDefault();
                        zoom(bar.startUs, bar.endUs);
                      }
                    }}
                    data-testid="timeline-bar"
                  >
                    <title>{bucketTitle(bar.startUs, bar.endUs, bar.segments)}</title>
                    <rect x={bar.x} y={0} width={bar.width} height={HEIGHT} fill="transparent" />
                    {bar.segments.map((s) => (
                      <rect key={s.priority} x={bar.x} y={s.y} width={bar.width} height={s.height} fill={PRIORITY_COLOR[s.priority]} />
                    ))}
                  </g>
                ),
              )}
              {layout.ticks.map((t) => (
                <g key={t.x} transform={`translate(${t.x},${HEIGHT})`}>
                  <line y2={4} stroke="#475569" />
                  <text y={15} textAnchor={t.x < 20 ? 'start' : t.x > width - 20 ? 'end' : 'middle'} className="fill-slate-400 text-[10px]">
                    {t.label}
                  </text>
                </g>
              ))}
            </svg>
          )
        )}
      </div>
    </section>
  );
}

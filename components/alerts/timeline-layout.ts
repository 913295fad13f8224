import { scaleLinear, scaleUtc } from 'd3-scale';
import type { AlertTimeline } from '@/lib/domain/alerts/alert-types';
import { PRIORITIES, type Priority } from '@/lib/domain/rules';

/**
 * The alert timeline's geometry: one bar per bucket, stacked by priority with the most severe
 * at the bottom (where the eye lands), plus UTC time ticks. d3 computes; the component draws.
 */
export interface TimelineSegment {
  priority: Priority;
  count: number;
  y: number;
  height: number;
}

export interface TimelineBar {
  startUs: number;
  endUs: number;
  x: number;
  width: number;
  total: number;
  segments: TimelineSegment[];
}

export interface TimelineLayout {
  bars: TimelineBar[];
  ticks: { x: number; label: string }[];
  yMax: number;
}

export function layoutTimeline(t: AlertTimeline, width: number, height: number): TimelineLayout {
  const x = scaleLinear().domain([t.startUs, t.endUs]).range([0, width]);
  const totals = t.buckets.map((b) => PRIORITIES.reduce((sum, p) => sum + (b.counts[p] ?? 0), 0));
  const yMax = Math.max(1, ...totals);
  const y = scaleLinear().domain([0, yMax]).range([0, height]);
  const bars = t.buckets.map((b, i) => {
    const x0 = x(b.startUs);
    const x1 = x(b.startUs + t.bucketUs);
    let top = height;
    const segments: TimelineSegment[] = [];
    for (const p of PRIORITIES) {
      const count = b.counts[p] ?? 0;
      if (!count) continue;
      const h = Math.max(1, y(count));
      top -= h;
      segments.push({ priority: p, count, y: top, height: h });
    }
    return { startUs: b.startUs, endUs: b.startUs + t.bucketUs, x: x0, width: Math.max(1, x1 - x0 - 1), total: totals[i] ?? 0, segments };
  });
  const time = scaleUtc()
    .domain([new Date(t.startUs / 1000), new Date(t.endUs / 1000)])
    .range([0, width]);
  const ticks = time.ticks(6).map((d) => ({ x: time(d), label: tickLabel(d, t.endUs - t.startUs) }));
  return { bars, ticks, yMax };
}

const DAY_US = 86_400_000_000;

/** UTC labels that say as much as the span needs: seconds for short spans, the date past a day. */
function tickLabel(d: Date, spanUs: number): string {
  const iso = d.toISOString();
  if (spanUs > DAY_US) return `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
  return spanUs > 30 * 60_000_000 || d.getUTCSeconds() === 0 ? iso.slice(11, 16) : iso.slice(11, 19);
}

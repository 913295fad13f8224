/**
 * Ticks of the timeline's time axis for the viewed window: nice steps from d3-scale, placed as
 * fractions of the window and labelled as offsets from the start of the pod's range, the way
 * Jaeger labels a trace ("0", "+250 ms", "+500 ms").
 */
import { scaleLinear } from 'd3-scale';
import { formatOffset } from '@/lib/domain/timeline/format-duration';

export interface Tick {
  x: number; // 0..1 within the window
  offsetNs: number; // from the start of the range
  label: string;
}

export function timeTicks(windowStartNs: number, windowEndNs: number, rangeStartNs: number, count: number): Tick[] {
  const a = windowStartNs - rangeStartNs;
  const b = Math.max(a + 1, windowEndNs - rangeStartNs);
  const scale = scaleLinear().domain([a, b]).range([0, 1]);
  return scale.ticks(Math.max(2, count)).map((offsetNs) => ({ x: scale(offsetNs), offsetNs, label: formatOffset(offsetNs) }));
}

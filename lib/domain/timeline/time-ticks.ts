/**
 * Ticks of the timeline's time axis for the viewed window: nice steps from d3-scale, placed as
 * fractions of the window and labelled as offsets from the window's start ("0", "+250 ms",
 * "+500 ms"), whose wall-clock time the header shows. Offsets from the window rather than from
 * the whole range keep labels distinct when zoomed into a few microseconds of a long range.
 */
import { scaleLinear } from 'd3-scale';
import { formatOffset } from '@/lib/domain/timeline/format-duration';

export interface Tick {
  x: number; // 0..1 within the window
  offsetNs: number; // from the start of the window
  label: string;
}

export function timeTicks(windowStartNs: number, windowEndNs: number, count: number): Tick[] {
  const width = Math.max(1, windowEndNs - windowStartNs);
  const scale = scaleLinear().domain([0, width]).range([0, 1]);
  return scale.ticks(Math.max(2, count)).map((offsetNs) => ({ x: scale(offsetNs), offsetNs, label: formatOffset(offsetNs) }));
}

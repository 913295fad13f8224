/**
 * The text of an edge's label and the room it takes, in map units: port/protocol and flow count,
 * then its first L7 endpoints (drops and server errors first: rank them before) and "+N more".
 * Pure and font-free like card-size.ts, so the layout worker can place labels the component
 * will draw with exactly these lines.
 */
import { endpointRowLabel } from '@/lib/domain/service-map/card-size';
import { needsAttention } from '@/lib/domain/service-map/endpoint-rank';
import type { MapEdge } from '@/lib/domain/service-map/service-map';
import { visibleText } from '@/lib/domain/text/inert-text';

export const EDGE_LABEL = {
  charWidth: 6.6, // 11px monospace
  lineHeight: 14,
  padding: 6,
  lockWidth: 14,
  maxEndpoints: 2,
  maxChars: 34,
} as const;

export interface EdgeLabelLine {
  text: string;
  attention: boolean;
}

export type LabelEdge = Pick<MapEdge, 'port' | 'protocol' | 'flowCount' | 'endpoints' | 'endpointsTruncated' | 'encrypted' | 'mutualAuth'>;

function fit(value: string, max: number): string {
  const v = visibleText(value);
  return v.length <= max ? v : `${v.slice(0, max - 1)}…`;
}

export function portLabel(e: Pick<MapEdge, 'port' | 'protocol'>): string {
  if (!e.protocol) return e.port > 0 ? String(e.port) : '?';
  return e.port > 0 ? `${e.port}/${e.protocol}` : e.protocol;
}

export function shortCount(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(n < 10_000_000 ? 1 : 0)}M`;
}

export function isSecured(e: Pick<MapEdge, 'encrypted' | 'mutualAuth'>): boolean {
  return e.encrypted !== 'none' || e.mutualAuth !== 'none';
}

export function edgeLabelLines(e: LabelEdge): EdgeLabelLine[] {
  const lines: EdgeLabelLine[] = [{ text: `${portLabel(e)} ×${shortCount(e.flowCount)}`, attention: false }];
  for (const ep of e.endpoints.slice(0, EDGE_LABEL.maxEndpoints)) {
    lines.push({ text: fit(endpointRowLabel(ep), EDGE_LABEL.maxChars), attention: needsAttention(ep) });
  }
  const more = e.endpoints.length - Math.min(e.endpoints.length, EDGE_LABEL.maxEndpoints) + e.endpointsTruncated;
  if (more > 0) lines.push({ text: `+${more} more`, attention: false });
  return lines;
}

export function edgeLabelSize(e: LabelEdge, lines = edgeLabelLines(e)): { width: number; height: number } {
  const lock = isSecured(e) ? EDGE_LABEL.lockWidth : 0;
  const widest = Math.max(...lines.map((l, i) => l.text.length * EDGE_LABEL.charWidth + (i === 0 ? lock : 0)));
  return { width: widest + 2 * EDGE_LABEL.padding, height: lines.length * EDGE_LABEL.lineHeight + EDGE_LABEL.padding };
}

/**
 * Which labels pick their spot first: those saying something is wrong (drops, 5xx), then those
 * with L7 endpoints, then encrypted ones, then the busiest.
 */
export function labelRank(e: Pick<MapEdge, 'verdict' | 'endpoints' | 'encrypted' | 'mutualAuth'>): number {
  if (e.verdict !== 'forwarded' || e.endpoints.some(needsAttention)) return 0;
  if (e.endpoints.length > 0) return 1;
  if (isSecured(e)) return 2;
  return 3;
}

export function compareLabelPriority(a: Pick<MapEdge, 'verdict' | 'endpoints' | 'encrypted' | 'mutualAuth' | 'flowCount' | 'id'>, b: typeof a): number {
  return labelRank(a) - labelRank(b) || b.flowCount - a.flowCount || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

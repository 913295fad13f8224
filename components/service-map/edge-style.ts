import { isSecured, portLabel } from '@/lib/domain/service-map/edge-label';
import type { EdgeVerdict, MapEdge } from '@/lib/domain/service-map/service-map';
import { visibleText } from '@/lib/domain/text/inert-text';

export { isSecured, portLabel };

/** How an edge looks, by verdict: shared by the edges, their arrowheads and the legend. */
export const EDGE_COLOR: Record<EdgeVerdict, string> = {
  forwarded: '#34d399',
  dropped: '#f87171',
  mixed: '#fb923c',
};

export const EDGE_DASH: Record<EdgeVerdict, string | undefined> = {
  forwarded: undefined,
  dropped: undefined,
  mixed: '7 5',
};

/** Thicker for busier edges, on a log scale so one noisy edge does not drown the rest. */
export function edgeWidth(flowCount: number): number {
  return 1.4 + Math.min(3, Math.log10(Math.max(1, flowCount)) * 0.9);
}

export function securityText(e: Pick<MapEdge, 'encrypted' | 'mutualAuth' | 'authTypes'>): string {
  const parts: string[] = [];
  if (e.encrypted !== 'none') parts.push(`encrypted (${e.encrypted === 'all' ? 'all' : 'some'} flows)`);
  // auth types come from the flows: made visible like any event string.
  if (e.mutualAuth !== 'none') parts.push(`mutual auth ${visibleText(e.authTypes.join(', '))} (${e.mutualAuth === 'all' ? 'all' : 'some'} flows)`);
  return parts.join(' · ') || 'not encrypted, no mutual auth';
}

/** Small counting rules shared by edges, nodes and L7 endpoints. */
import type { Coverage, EdgeVerdict, VerdictCounts } from '@/lib/domain/service-map/service-map';

export function emptyVerdictCounts(): VerdictCounts {
  return { forwarded: 0, dropped: 0, other: 0 };
}

/** AUDIT, REDIRECTED, TRACED, ERROR ... are neither a clean pass nor a policy drop. */
export function verdictBucket(verdict: string): keyof VerdictCounts {
  if (verdict === 'FORWARDED') return 'forwarded';
  if (verdict === 'DROPPED') return 'dropped';
  return 'other';
}

export function addVerdictCounts(into: VerdictCounts, from: VerdictCounts): void {
  into.forwarded += from.forwarded;
  into.dropped += from.dropped;
  into.other += from.other;
}

/** 'forwarded' when nothing was dropped, 'dropped' when everything was, else 'mixed'. */
export function edgeVerdict(c: VerdictCounts): EdgeVerdict {
  if (c.dropped === 0) return 'forwarded';
  if (c.forwarded === 0 && c.other === 0) return 'dropped';
  return 'mixed';
}

export function coverage(part: number, total: number): Coverage {
  if (part <= 0 || total <= 0) return 'none';
  return part >= total ? 'all' : 'some';
}

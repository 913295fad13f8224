import type { MapEndpointSample, MapFlowSample } from '@/lib/domain/service-map/map-sample';
import type { Side } from '@/lib/domain/query/kind-spec';
import { MINUTE_US, unfence, type FlowMapKeyColumns } from './flow-map-key';

/**
 * The service map's samples (map-sample.ts), the part both stores share: flows counted per group
 * key (sqlite/flow-map-key.ts) over a window whose whole minutes come from the per-minute rollup
 * and whose partial minutes at both edges come from the flow rows (or, when the rollup cannot
 * answer the q, the whole window from the rows: filter-where.ts's rollupAnswers); counts of one
 * key from several reads merged; a kept key's columns turned into a sample.
 */
export interface WindowPlan {
  /** Minutes [first, end) lie wholly inside the window; null when there are none to read whole. */
  minutes: { first: number; end: number } | null;
  /** Inclusive ts ranges read from the flow rows. */
  rows: [number, number][];
}

export function planWindow(sinceUs: number, untilUs: number, rollup: boolean): WindowPlan {
  const first = Math.ceil(sinceUs / MINUTE_US);
  const end = Math.floor((untilUs + 1) / MINUTE_US);
  if (!rollup || end <= first) return { minutes: null, rows: [[sinceUs, untilUs]] };
  const edges: [number, number][] = [
    [sinceUs, first * MINUTE_US - 1],
    [end * MINUTE_US, untilUs],
  ];
  return { minutes: { first, end }, rows: edges.filter(([lo, hi]) => lo <= hi) };
}

export interface GroupCount {
  n: number;
  first: number;
  last: number;
}

/** Counts per group key, merged across the rollup and the edge reads. */
export class GroupCounts<K> {
  private readonly groups = new Map<K, GroupCount>();

  add(key: K, n: number, first: number, last: number): void {
    const g = this.groups.get(key);
    if (!g) this.groups.set(key, { n, first, last });
    else {
      g.n += n;
      g.first = Math.min(g.first, first);
      g.last = Math.max(g.last, last);
    }
  }

  /** The `max` largest groups (ties broken by `tie`), and whether any were left out. */
  top(max: number, tie: (a: [K, GroupCount], b: [K, GroupCount]) => number): { kept: [K, GroupCount][]; truncated: boolean } {
    const ranked = [...this.groups.entries()].sort((a, b) => b[1].n - a[1].n || tie(a, b));
    const kept = ranked.slice(0, max);
    return { kept, truncated: ranked.length > kept.length };
  }
}

function endpoint(k: FlowMapKeyColumns, side: Side): MapEndpointSample {
  return {
    namespace: k[`${side}_ns`],
    pod: k[`${side}_pod`],
    workload: k[`${side}_workload`],
    workloadKind: k[`${side}_workload_kind`],
    identity: k[`${side}_identity`],
    labels: unfence(k[`${side}_labels`]),
    ip: k[`${side}_ip`],
    service: k[`${side}_service`],
    port: k[`${side}_port`],
  };
}

export function sampleOf(k: FlowMapKeyColumns, g: GroupCount): MapFlowSample {
  return {
    source: endpoint(k, 'src'),
    destination: endpoint(k, 'dst'),
    protocol: k.protocol,
    verdict: k.verdict,
    dropReason: k.drop_reason,
    encrypted: k.encrypted === 1,
    authType: k.auth_type,
    policies: unfence(k.policies),
    httpMethod: k.http_method,
    httpPath: k.http_path,
    httpCode: k.http_code,
    dnsQuery: k.dns_query,
    isReply: k.is_reply === null ? null : k.is_reply === 1,
    direction: k.direction,
    ts: g.first,
    count: g.n,
    lastTs: g.last,
  };
}

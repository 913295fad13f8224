/**
 * Accumulates L7 endpoints (HTTP method + path, DNS names) for one edge or one node. Requests
 * carry the verdict; HTTP status codes only appear on the responses, which arrive as replies, so
 * the two are counted separately and meet on the same (method, path) key.
 */
import type { L7Endpoint, VerdictCounts } from '@/lib/domain/service-map/service-map';
import { addVerdictCounts, emptyVerdictCounts } from '@/lib/domain/service-map/verdict-counts';

export interface L7Key {
  protocol: L7Endpoint['protocol'];
  method: string;
  path: string;
}

interface Acc extends L7Key {
  requests: number;
  verdicts: VerdictCounts;
  statuses: Map<number, number>;
}

/** The L7 endpoint a flow touches, or null for plain L3/L4 flows. */
export function l7KeyOf(s: { httpMethod: string; httpPath: string; dnsQuery: string }): L7Key | null {
  if (s.httpMethod || s.httpPath) return { protocol: 'http', method: s.httpMethod, path: s.httpPath };
  if (s.dnsQuery) return { protocol: 'dns', method: '', path: s.dnsQuery };
  return null;
}

function compareKeys(a: L7Key, b: L7Key): number {
  return cmp(a.protocol, b.protocol) || cmp(a.path, b.path) || cmp(a.method, b.method);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export class L7EndpointTally {
  private readonly byKey = new Map<string, Acc>();

  private acc(key: L7Key): Acc {
    const k = `${key.protocol}\u0000${key.method}\u0000${key.path}`;
    let a = this.byKey.get(k);
    if (!a) {
      a = { ...key, requests: 0, verdicts: emptyVerdictCounts(), statuses: new Map() };
      this.byKey.set(k, a);
    }
    return a;
  }

  addRequest(key: L7Key, bucket: keyof VerdictCounts, count: number): void {
    const a = this.acc(key);
    a.requests += count;
    a.verdicts[bucket] += count;
  }

  /** A response; code 0 (DNS, or no HTTP status) still records that the endpoint exists. */
  addResponse(key: L7Key, code: number, count: number): void {
    const a = this.acc(key);
    if (code > 0) a.statuses.set(code, (a.statuses.get(code) ?? 0) + count);
  }

  merge(other: L7EndpointTally): void {
    for (const o of other.byKey.values()) {
      const a = this.acc(o);
      a.requests += o.requests;
      addVerdictCounts(a.verdicts, o.verdicts);
      for (const [code, n] of o.statuses) a.statuses.set(code, (a.statuses.get(code) ?? 0) + n);
    }
  }

  /**
   * The `limit` busiest endpoints, sorted by protocol, path, method. Paths can be unbounded
   * (/users/123, /users/124 …), so a cap keeps one noisy edge from bloating the whole map.
   */
  toList(limit: number): { endpoints: L7Endpoint[]; truncated: number } {
    const all = [...this.byKey.values()];
    const weight = (a: Acc) => a.requests + [...a.statuses.values()].reduce((s, n) => s + n, 0);
    const kept = all.length <= limit ? all : [...all].sort((a, b) => weight(b) - weight(a) || compareKeys(a, b)).slice(0, limit);
    const endpoints = kept.sort(compareKeys).map((a) => ({
      protocol: a.protocol,
      method: a.method,
      path: a.path,
      requests: a.requests,
      verdicts: { ...a.verdicts },
      statuses: [...a.statuses].sort((x, y) => x[0] - y[0]).map(([code, count]) => ({ code, count })),
    }));
    return { endpoints, truncated: all.length - kept.length };
  }
}

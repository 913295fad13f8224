import type { FlowEndpointSummary } from '@/lib/domain/records';

/** Display formats of the flows table and details. Pure; the text they return is still hostile. */

/** "09:14:03.470" (UTC) from an RFC 3339 time; the full text goes in the tooltip. */
export function clockTime(rfc3339: string): string {
  const m = /T(\d{2}:\d{2}:\d{2})(\.\d{1,3})?/.exec(rfc3339);
  if (!m) return rfc3339;
  return `${m[1]}${(m[2] ?? '.').padEnd(4, '0')}`;
}

/** Latency from nanoseconds (a 64-bit string): "243.8 ms", "912 µs", "1.20 s". */
export function latencyText(ns: string): string {
  if (!ns || !/^\d+$/.test(ns)) return '';
  const n = Number(ns);
  if (n < 1_000) return `${n} ns`;
  if (n < 1_000_000) return `${(n / 1_000).toFixed(n < 10_000 ? 1 : 0)} µs`;
  if (n < 1_000_000_000) return `${(n / 1_000_000).toFixed(n < 10_000_000 ? 2 : 1)} ms`;
  return `${(n / 1_000_000_000).toFixed(2)} s`;
}

/** An endpoint as people name it: namespace/pod, else the IP with what it is (world, host). */
export function endpointLabel(ep: FlowEndpointSummary): string {
  if (ep.pod) return `${ep.namespace}/${ep.pod}`;
  const reserved = ep.labels.find((l) => l.startsWith('reserved:'));
  if (reserved) return `${ep.ip || '?'} (${reserved.slice('reserved:'.length)})`;
  return ep.ip || 'unknown';
}

/** The value a click-to-filter on an endpoint cell filters by: the pod, or the IP without one. */
export function endpointFilter(ep: FlowEndpointSummary): { kind: 'pod' | 'ip'; value: string } | null {
  if (ep.pod) return { kind: 'pod', value: `${ep.namespace}/${ep.pod}` };
  if (ep.ip) return { kind: 'ip', value: ep.ip };
  return null;
}

/** "1,234" with a thin unit: counts in banners. */
export function count(n: number, unit: string): string {
  return `${n.toLocaleString('en-US')} ${unit}${n === 1 ? '' : 's'}`;
}

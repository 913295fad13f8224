import type { FlowSummary } from '@/lib/domain/records';

/**
 * The columns of the flows table and how each sorts. Ids are short and stable: they live in URLs
 * (`cols=`, `sort=`). Sorting is done on the rows the browser holds (the server pages by time).
 */
export const FLOW_COLUMN_IDS = [
  'time',
  'verdict',
  'src-pod',
  'src-ns',
  'src-workload',
  'src-identity',
  'src-ip',
  'src-port',
  'dst-pod',
  'dst-ns',
  'dst-workload',
  'dst-identity',
  'dst-ip',
  'dst-port',
  'protocol',
  'type',
  'http-method',
  'http-path',
  'http-status',
  'latency',
  'dns',
  'direction',
  'reply',
  'tcp-flags',
  'node',
  'summary',
] as const;
export type FlowColumnId = (typeof FLOW_COLUMN_IDS)[number];

export const DEFAULT_FLOW_COLUMNS: readonly FlowColumnId[] = [
  'time',
  'src-pod',
  'dst-pod',
  'dst-port',
  'verdict',
  'http-method',
  'http-path',
  'http-status',
  'latency',
  'direction',
  'tcp-flags',
  'node',
];

export function isFlowColumnId(id: string): id is FlowColumnId {
  return (FLOW_COLUMN_IDS as readonly string[]).includes(id);
}

export interface FlowSort {
  column: FlowColumnId;
  desc: boolean;
}

export const DEFAULT_FLOW_SORT: FlowSort = { column: 'time', desc: true };

const pod = (e: FlowSummary['source']) => (e.pod ? `${e.namespace}/${e.pod}` : e.ip);

/** The value a column sorts by. Numbers sort numerically; "" (absent, or 0 for codes and ports) sorts last. */
export function flowSortValue(column: FlowColumnId, f: FlowSummary): string | number {
  switch (column) {
    case 'time': return f.ts;
    case 'verdict': return `${f.verdict} ${f.dropReason}`;
    case 'src-pod': return pod(f.source);
    case 'src-ns': return f.source.namespace;
    case 'src-workload': return f.source.workload;
    case 'src-identity': return f.source.identity || '';
    case 'src-ip': return f.source.ip;
    case 'src-port': return f.source.port || '';
    case 'dst-pod': return pod(f.destination);
    case 'dst-ns': return f.destination.namespace;
    case 'dst-workload': return f.destination.workload;
    case 'dst-identity': return f.destination.identity || '';
    case 'dst-ip': return f.destination.ip;
    case 'dst-port': return f.destination.port || '';
    case 'protocol': return f.protocol;
    case 'type': return f.type;
    case 'http-method': return f.httpMethod;
    case 'http-path': return f.httpPath;
    case 'http-status': return f.httpCode || '';
    case 'latency': return f.latencyNs === '' ? '' : Number(f.latencyNs);
    case 'dns': return f.dnsQuery;
    case 'direction': return f.direction;
    case 'reply': return f.isReply === null ? '' : f.isReply ? 'reply' : 'request';
    case 'tcp-flags': return f.tcpFlags.join(',');
    case 'node': return f.node;
    case 'summary': return f.summary;
  }
}

/** Newest first, ties by id, so every sort is total and stable across reloads. */
export function compareByTimeDesc(a: FlowSummary, b: FlowSummary): number {
  return b.ts - a.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function flowComparator(sort: FlowSort): (a: FlowSummary, b: FlowSummary) => number {
  if (sort.column === 'time') return sort.desc ? compareByTimeDesc : (a, b) => -compareByTimeDesc(a, b);
  const sign = sort.desc ? -1 : 1;
  return (a, b) => {
    const va = flowSortValue(sort.column, a);
    const vb = flowSortValue(sort.column, b);
    const emptyA = va === '';
    const emptyB = vb === '';
    if (emptyA !== emptyB) return emptyA ? 1 : -1;
    // Code-point order, not localeCompare: ten times faster, and merging live batches into 100k
    // sorted rows runs this a million times a second.
    const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : va < vb ? -1 : va > vb ? 1 : 0;
    return sign * c || compareByTimeDesc(a, b);
  };
}

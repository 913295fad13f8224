import type { Side } from '@/lib/domain/query/kind-spec';
import { sqlAnd, sqlEq, type Dialect, type SqlFragment } from './dialect';

/**
 * A flow's two endpoints, for its neighbours (the flows just before and after it between the same
 * two endpoints, in either direction): an endpoint is its pod when it has one, otherwise its IP.
 * Both stores read the anchor flow's endpoint columns and test candidates with these fragments.
 */
export interface Endpoint {
  ns: string;
  pod: string;
  ip: string;
}

/** The anchor flow's columns that name its endpoints (select them with ENDPOINT_COLUMNS). */
export interface EndpointColumns {
  src_ns: string;
  src_pod: string;
  src_ip: string;
  dst_ns: string;
  dst_pod: string;
  dst_ip: string;
}

export const ENDPOINT_COLUMNS = 'src_ns, src_pod, src_ip, dst_ns, dst_pod, dst_ip';

export function endpointsOf(a: EndpointColumns): [Endpoint, Endpoint] {
  return [
    { ns: a.src_ns, pod: a.src_pod, ip: a.src_ip },
    { ns: a.dst_ns, pod: a.dst_pod, ip: a.dst_ip },
  ];
}

/** The same endpoint on both sides (a pod talking to itself): one direction is enough. */
export function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  return a.ns === b.ns && a.pod === b.pod && a.ip === b.ip;
}

/** A row whose `side` is the endpoint. */
export function endpointSql(d: Dialect, side: Side, ep: Endpoint): SqlFragment {
  return ep.pod
    ? sqlAnd(sqlEq(d, `${side}_ns`, ep.ns), sqlEq(d, `${side}_pod`, ep.pod))
    : sqlAnd({ sql: `${side}_pod = ''`, params: [] }, sqlEq(d, `${side}_ip`, ep.ip));
}

/** A row from `from` to `to`. */
export function directedSql(d: Dialect, from: Endpoint, to: Endpoint): SqlFragment {
  return sqlAnd(endpointSql(d, 'src', from), endpointSql(d, 'dst', to));
}

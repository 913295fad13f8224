import { compileRegex } from '@/lib/domain/regex/re2';
import { summarizeFlow } from '@/lib/domain/flow-summary';
import { httpStatusMatches, ipMatches, labelMatches, podMatches } from '@/lib/domain/query/value-match';
import type { FlowEndpointSummary, FlowSummary } from '@/lib/domain/records';
import type { HubbleFlowJson } from '@/lib/domain/wire-types';

/**
 * GetFlowsRequest whitelist/blacklist (FlowFilter), as Hubble applies them: a flow passes when it
 * matches any whitelist filter (or there is none) and no blacklist filter. Inside one FlowFilter
 * every set field must match, and any of a field's values may.
 */
export interface FlowFilterJson {
  uuid?: string[];
  source_ip?: string[];
  destination_ip?: string[];
  source_pod?: string[];
  destination_pod?: string[];
  verdict?: string[];
  source_label?: string[];
  destination_label?: string[];
  protocol?: string[];
  source_port?: string[];
  destination_port?: string[];
  reply?: boolean[];
  http_method?: string[];
  http_path?: string[];
  http_status_code?: string[];
  http_url?: string[];
  node_name?: string[];
  traffic_direction?: string[];
  dns_query?: string[];
}

type Test = (f: FlowSummary) => boolean;

function side(pick: (f: FlowSummary) => FlowEndpointSummary, values: string[], match: (e: FlowEndpointSummary, v: string) => boolean): Test {
  return (f) => values.some((v) => match(pick(f), v));
}

const src = (f: FlowSummary) => f.source;
const dst = (f: FlowSummary) => f.destination;

function compileFilter(ff: FlowFilterJson): Test {
  const t: Test[] = [];
  const pod = (e: FlowEndpointSummary, v: string) => podMatches(e.namespace, e.pod, v);
  if (ff.uuid?.length) t.push((f) => ff.uuid!.includes(f.id));
  if (ff.source_ip?.length) t.push(side(src, ff.source_ip, (e, v) => ipMatches(e.ip, v)));
  if (ff.destination_ip?.length) t.push(side(dst, ff.destination_ip, (e, v) => ipMatches(e.ip, v)));
  if (ff.source_pod?.length) t.push(side(src, ff.source_pod, pod));
  if (ff.destination_pod?.length) t.push(side(dst, ff.destination_pod, pod));
  if (ff.source_label?.length) t.push(side(src, ff.source_label, (e, v) => labelMatches(e.labels, v.replace(/^k8s:/, ''))));
  if (ff.destination_label?.length) t.push(side(dst, ff.destination_label, (e, v) => labelMatches(e.labels, v.replace(/^k8s:/, ''))));
  if (ff.source_port?.length) t.push(side(src, ff.source_port, (e, v) => String(e.port) === v));
  if (ff.destination_port?.length) t.push(side(dst, ff.destination_port, (e, v) => String(e.port) === v));
  if (ff.verdict?.length) t.push((f) => ff.verdict!.includes(f.verdict));
  if (ff.protocol?.length) t.push((f) => ff.protocol!.some((p) => p.toLowerCase() === f.protocol.toLowerCase()));
  if (ff.reply?.length) t.push((f) => ff.reply!.includes(f.isReply === true));
  if (ff.http_method?.length) t.push((f) => ff.http_method!.some((m) => m.toUpperCase() === f.httpMethod));
  if (ff.http_path?.length) {
    const res = ff.http_path.map((p) => compileRegex(p));
    t.push((f) => f.httpMethod !== '' && res.some((r) => r.test(f.httpPath)));
  }
  if (ff.http_url?.length) {
    const res = ff.http_url.map((p) => compileRegex(p));
    t.push((f) => f.httpUrl !== '' && res.some((r) => r.test(f.httpUrl)));
  }
  if (ff.http_status_code?.length) t.push((f) => f.httpCode !== 0 && ff.http_status_code!.some((c) => httpStatusMatches(f.httpCode, c)));
  if (ff.node_name?.length) t.push((f) => ff.node_name!.some((n) => (n.includes('/') ? n.endsWith(`/${f.node}`) : n === f.node)));
  if (ff.traffic_direction?.length) t.push((f) => ff.traffic_direction!.includes(f.direction));
  if (ff.dns_query?.length) {
    const res = ff.dns_query.map((p) => compileRegex(p));
    t.push((f) => f.dnsQuery !== '' && res.some((r) => r.test(f.dnsQuery)));
  }
  return (f) => t.every((x) => x(f));
}

export function compileFlowsRequest(req: { whitelist?: FlowFilterJson[]; blacklist?: FlowFilterJson[] }): (line: HubbleFlowJson) => boolean {
  const allow = (req.whitelist ?? []).map(compileFilter);
  const deny = (req.blacklist ?? []).map(compileFilter);
  if (allow.length === 0 && deny.length === 0) return () => true;
  return (line) => {
    if (!line.flow) return true; // lost_events / node_status always pass
    const f = summarizeFlow(line, line.flow.uuid ?? '');
    return (allow.length === 0 || allow.some((t) => t(f))) && !deny.some((t) => t(f));
  };
}

import type { EventSummary, FlowEndpointSummary, FlowSummary } from '../records';
import { groupTerms, type ParsedQuery, type QueryTerm } from './parse';
import {
  dnsMatches,
  httpStatusMatches,
  ipMatches,
  labelMatches,
  podMatches,
  serviceMatches,
} from './value-match';
import { compileRegex } from '@/lib/domain/regex/re2';

/** In-memory evaluation of a parsed `q` (the live tail filters with it; the store uses SQL). */

type Test<T> = (item: T) => boolean;

function endpointTest(t: QueryTerm): ((e: FlowEndpointSummary) => boolean) | null {
  const v = t.value;
  switch (t.kind) {
    case 'pod':
      return (e) => podMatches(e.namespace, e.pod, v);
    case 'namespace':
      return (e) => e.namespace === v;
    case 'workload':
      return (e) => e.workload === v;
    case 'label':
      return (e) => labelMatches(e.labels, v);
    case 'ip':
      return (e) => ipMatches(e.ip, v);
    case 'port':
      return (e) => e.port === Number(v);
    case 'identity':
      return (e) => e.identity === Number(v);
    case 'service':
      return (e) => serviceMatches(e.service, v);
    default:
      return null;
  }
}

function flowTermTest(t: QueryTerm): Test<FlowSummary> {
  const ep = endpointTest(t);
  if (ep) {
    if (t.direction === 'from') return (f) => ep(f.source);
    if (t.direction === 'to') return (f) => ep(f.destination);
    return (f) => ep(f.source) || ep(f.destination);
  }
  const v = t.value;
  switch (t.kind) {
    case 'node':
      return (f) => f.node === v;
    case 'id':
      return (f) => f.id === v;
    case 'verdict':
      return (f) => f.verdict === v;
    case 'drop-reason':
      return (f) => f.dropReason === v;
    case 'type':
      return (f) => f.type === v;
    case 'protocol':
      return (f) => f.protocol === v;
    case 'direction':
      return (f) => f.direction === v;
    case 'tcp-flag':
      return (f) => f.tcpFlags.includes(v);
    case 'reply':
      return (f) => f.isReply === (v === 'true');
    case 'http-method':
      return (f) => f.httpMethod === v;
    case 'http-path':
      {
      const re = compileRegex(v);
      return (f) => f.httpMethod !== '' && re.test(f.httpPath);
    }
    case 'http-status':
      return (f) => f.httpCode !== 0 && httpStatusMatches(f.httpCode, v);
    case 'dns':
      return (f) => dnsMatches(f.dnsQuery, v);
    default:
      throw new Error(`no flow matcher for kind ${t.kind}`);
  }
}

/** An RE2 pattern (lib/domain/regex) on one field, compiled once per term. */
function regexField(pattern: string, field: (e: EventSummary) => string): Test<EventSummary> {
  const re = compileRegex(pattern);
  return (e) => re.test(field(e));
}

function eventTermTest(t: QueryTerm): Test<EventSummary> {
  const v = t.value;
  switch (t.kind) {
    case 'pod':
      return (e) => podMatches(e.namespace, e.pod, v);
    case 'namespace':
      return (e) => e.namespace === v;
    case 'workload':
      return (e) => e.workload === v;
    case 'label':
      return (e) => labelMatches(e.labels, v);
    case 'node':
      return (e) => e.node === v;
    case 'id':
      return (e) => e.id === v;
    case 'ip':
      if (t.direction === 'from') return (e) => ipMatches(e.sock?.saddr ?? '', v);
      if (t.direction === 'to') return (e) => ipMatches(e.sock?.daddr ?? '', v);
      return (e) => ipMatches(e.sock?.saddr ?? '', v) || ipMatches(e.sock?.daddr ?? '', v);
    case 'port':
      if (t.direction === 'from') return (e) => e.sock?.sport === Number(v);
      if (t.direction === 'to') return (e) => e.sock?.dport === Number(v);
      return (e) => e.sock?.sport === Number(v) || e.sock?.dport === Number(v);
    case 'binary':
      return regexField(v, (e) => e.binary);
    case 'args':
      return regexField(v, (e) => e.args);
    case 'parent-binary':
      return regexField(v, (e) => e.parentBinary);
    case 'event-type':
      return (e) => e.kind === v;
    case 'function':
      return (e) => e.functionName === v;
    case 'policy':
      return (e) => e.policyName === v;
    case 'capability':
      return (e) => e.capabilities.includes(v);
    case 'exec-id':
      return (e) => e.execId === v;
    case 'parent-exec-id':
      return (e) => e.parentExecId === v;
    case 'pid':
      return (e) => e.pid === Number(v);
    case 'uid':
      return (e) => e.uid === Number(v);
    case 'container':
      return (e) => e.container === v;
    case 'image':
      return (e) => e.image.startsWith(v);
    case 'file':
      {
      const re = compileRegex(v);
      return (e) => e.filePath !== '' && re.test(e.filePath);
    }
    default:
      throw new Error(`no event matcher for kind ${t.kind}`);
  }
}

function combine<T>(parsed: ParsedQuery, termTest: (t: QueryTerm) => Test<T>): Test<T> {
  const { anyOf, none } = groupTerms(parsed);
  const groups = anyOf.map((g) => g.map(termTest));
  const excluded = none.map(termTest);
  return (item) => groups.every((g) => g.some((test) => test(item))) && !excluded.some((test) => test(item));
}

export function compileFlowMatcher(parsed: ParsedQuery): Test<FlowSummary> {
  return combine(parsed, flowTermTest);
}

export function compileEventMatcher(parsed: ParsedQuery): Test<EventSummary> {
  return combine(parsed, eventTermTest);
}

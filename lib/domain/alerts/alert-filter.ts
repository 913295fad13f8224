/**
 * The filters of the alerts list, API and page alike: free text, minimum priority, rule,
 * namespace, pod, time range. Parsed once from URL parameters (a bad one names itself), written
 * back in one canonical order so a filtered view is a stable, shareable link, and matched in
 * memory for alerts that arrive live.
 */
import { PRIORITIES, parsePriority, priorityRank, type Priority } from '@/lib/domain/rules';
import type { AlertSummary } from './alert-types';

export interface AlertFilter {
  /** Words that must all appear (any case) in the rule, output, tags, pod, namespace or node. */
  q: string;
  /** Minimum priority: WARNING means WARNING and everything more severe. */
  priority: Priority | null;
  rule: string | null;
  namespace: string | null;
  /** `ns/prefix` or `prefix` of the pod name. */
  pod: string | null;
  /** As written in the URL (RFC 3339, epoch ms, or a duration ago such as 1h); resolved by the server. */
  since: string | null;
  until: string | null;
}

export const EMPTY_ALERT_FILTER: AlertFilter = { q: '', priority: null, rule: null, namespace: null, pod: null, since: null, until: null };

export class AlertFilterError extends Error {
  constructor(
    readonly param: string,
    reason: string,
  ) {
    super(`${param}: ${reason}`);
    this.name = 'AlertFilterError';
  }
}

const MAX_TEXT = 256;

function text(params: URLSearchParams, name: string): string | null {
  const v = params.get(name)?.trim() ?? '';
  if (v === '') return null;
  if (v.length > MAX_TEXT) throw new AlertFilterError(name, `is longer than ${MAX_TEXT} characters`);
  return v;
}

export function parseAlertFilter(params: URLSearchParams): AlertFilter {
  const priorityText = text(params, 'priority');
  const priority = priorityText === null ? null : parsePriority(priorityText);
  if (priority === undefined) {
    throw new AlertFilterError('priority', `"${priorityText!.slice(0, 32)}" is not one of ${PRIORITIES.join(', ')}`);
  }
  return {
    q: text(params, 'q') ?? '',
    priority,
    rule: text(params, 'rule'),
    namespace: text(params, 'namespace'),
    pod: text(params, 'pod'),
    since: text(params, 'since'),
    until: text(params, 'until'),
  };
}

/** The filter as URL parameters, in a fixed order, empty ones left out. */
export function alertFilterSearch(filter: AlertFilter): URLSearchParams {
  const out = new URLSearchParams();
  const put = (k: string, v: string | null) => {
    if (v) out.set(k, v);
  };
  put('q', filter.q);
  put('priority', filter.priority);
  put('rule', filter.rule);
  put('namespace', filter.namespace);
  put('pod', filter.pod);
  put('since', filter.since);
  put('until', filter.until);
  return out;
}

export function queryWords(q: string): string[] {
  return q.toLowerCase().split(/\s+/).filter(Boolean);
}

/** `ns/prefix` → both parts; `prefix` → any namespace. */
export function splitPodFilter(pod: string): { namespace: string | null; prefix: string } {
  const slash = pod.indexOf('/');
  return slash < 0 ? { namespace: null, prefix: pod } : { namespace: pod.slice(0, slash), prefix: pod.slice(slash + 1) };
}

/** The text free-text search looks in, as the SQL store builds it too. */
export function alertSearchText(a: Pick<AlertSummary, 'rule' | 'message' | 'tags' | 'namespace' | 'pod' | 'node'>): string {
  return [a.rule, a.message, a.tags.join(' '), `${a.namespace}/${a.pod}`, a.node].join('\n').toLowerCase();
}

/** In-memory twin of the store's filter, for alerts that arrive over the live stream. */
export function alertMatches(a: AlertSummary, filter: AlertFilter, range: { sinceUs: number | null; untilUs: number | null }): boolean {
  if (filter.priority && priorityRank(a.priority) > priorityRank(filter.priority)) return false;
  if (filter.rule && a.rule !== filter.rule) return false;
  if (filter.namespace && a.namespace !== filter.namespace) return false;
  if (filter.pod) {
    const { namespace, prefix } = splitPodFilter(filter.pod);
    if (namespace !== null && a.namespace !== namespace) return false;
    if (!a.pod.startsWith(prefix)) return false;
  }
  if (range.sinceUs !== null && a.lastSeenUs < range.sinceUs) return false;
  if (range.untilUs !== null && a.firstSeenUs > range.untilUs) return false;
  const words = queryWords(filter.q);
  if (words.length) {
    const hay = alertSearchText(a);
    if (!words.every((w) => hay.includes(w))) return false;
  }
  return true;
}

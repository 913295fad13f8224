import { compileRegex } from '@/lib/domain/regex/re2';
import { eventBody, storedEventKind } from '@/lib/domain/event-summary';
import type { TetragonEventJson } from '@/lib/domain/wire-types';

/**
 * GetEventsRequest allow/deny lists, as Tetragon applies them: filters in a list are ORed, the
 * fields inside one filter ANDed, values inside one field ORed; result = allow − deny. Filters
 * arrive as protojson (decoded by the agent server) so enum values are names.
 */
export interface TetragonFilterJson {
  binary_regex?: string[];
  namespace?: string[];
  pid?: number[];
  event_set?: string[];
  pod_regex?: string[];
  arguments_regex?: string[];
  labels?: string[];
  policy_names?: string[];
  parent_binary_regex?: string[];
  container_id?: string[];
  namespace_regex?: string[];
}

type Test = (line: TetragonEventJson) => boolean;

const EVENT_SET_NAMES: Record<string, string> = {
  PROCESS_EXEC: 'process_exec',
  PROCESS_EXIT: 'process_exit',
  PROCESS_KPROBE: 'process_kprobe',
  PROCESS_TRACEPOINT: 'process_tracepoint',
  PROCESS_LOADER: 'process_loader',
  PROCESS_UPROBE: 'process_uprobe',
  PROCESS_THROTTLE: 'process_throttle',
  PROCESS_LSM: 'process_lsm',
  PROCESS_USDT: 'process_usdt',
  TEST: 'test',
  RATE_LIMIT_INFO: 'rate_limit_info',
};

function anyRegex(patterns: string[], pick: (l: TetragonEventJson) => string): Test {
  const res = patterns.map((p) => compileRegex(p));
  return (l) => {
    const v = pick(l);
    return res.some((r) => r.test(v));
  };
}

/** "app=x,tier in (a, b)" selectors are simplified to comma-separated key=value requirements. */
function labelsTest(selectors: string[]): Test {
  const parsed = selectors.map((s) =>
    s
      .split(',')
      .map((kv) => kv.trim())
      .filter(Boolean)
      .map((kv) => kv.split('=') as [string, string?]),
  );
  return (l) => {
    const labels = eventBody(l).process?.pod?.pod_labels ?? {};
    return parsed.some((reqs) => reqs.every(([k, v]) => (v === undefined ? k in labels : labels[k] === v)));
  };
}

function compileFilter(f: TetragonFilterJson): Test {
  const tests: Test[] = [];
  const proc = (l: TetragonEventJson) => eventBody(l).process;
  if (f.event_set?.length) {
    const kinds = new Set(f.event_set.map((e) => EVENT_SET_NAMES[e] ?? e));
    tests.push((l) => kinds.has(storedEventKind(l)));
  }
  if (f.namespace?.length) {
    const set = new Set(f.namespace);
    tests.push((l) => set.has(proc(l)?.pod?.namespace ?? ''));
  }
  if (f.namespace_regex?.length) tests.push(anyRegex(f.namespace_regex, (l) => proc(l)?.pod?.namespace ?? ''));
  if (f.pod_regex?.length) tests.push(anyRegex(f.pod_regex, (l) => proc(l)?.pod?.name ?? ''));
  if (f.binary_regex?.length) tests.push(anyRegex(f.binary_regex, (l) => proc(l)?.binary ?? ''));
  if (f.arguments_regex?.length) tests.push(anyRegex(f.arguments_regex, (l) => proc(l)?.arguments ?? ''));
  if (f.parent_binary_regex?.length) tests.push(anyRegex(f.parent_binary_regex, (l) => eventBody(l).parent?.binary ?? ''));
  if (f.pid?.length) {
    const set = new Set(f.pid);
    tests.push((l) => set.has(proc(l)?.pid ?? -1));
  }
  if (f.labels?.length) tests.push(labelsTest(f.labels));
  if (f.policy_names?.length) {
    const set = new Set(f.policy_names);
    tests.push((l) => set.has(eventBody(l).policy_name ?? ''));
  }
  if (f.container_id?.length) {
    const ids = f.container_id;
    tests.push((l) => {
      const id = proc(l)?.pod?.container?.id ?? proc(l)?.docker ?? '';
      return ids.some((want) => id !== '' && (id === want || id.replace(/^\w+:\/\//, '').startsWith(want)));
    });
  }
  return (l) => tests.every((t) => t(l));
}

export function compileEventsRequest(req: { allow_list?: TetragonFilterJson[]; deny_list?: TetragonFilterJson[] }): Test {
  const allow = (req.allow_list ?? []).map(compileFilter);
  const deny = (req.deny_list ?? []).map(compileFilter);
  return (l) => (allow.length === 0 || allow.some((t) => t(l))) && !deny.some((t) => t(l));
}

/**
 * When is a rule match a repeat of an alert already raised rather than a new one?
 *
 * - Same rule, same process (exec_id): one action seen twice — e.g. a rule that matches both
 *   the exec of a program and its file kprobe, or a process that repeats what it did.
 * - Same rule, same pod (or host node), same output once the per-process noise is masked
 *   (exec ids, pids, ephemeral ports, times): the same thing happening again — a probe that
 *   starts a shell every minute, a cron job reading /etc/shadow.
 *
 * The store merges an occurrence into the newest alert sharing either key within the
 * aggregation window; otherwise the occurrence opens a new alert.
 */
import type { OutputFieldValue } from '@/lib/domain/rules';

export interface AlertGroupKeys {
  /** "" when the event names no process. */
  processKey: string;
  outputKey: string;
}

/** Fields that differ between two runs of the same thing. */
const VOLATILE = /^(proc\.(exec_id|pexec_id|pid|ppid|vpid|apid(\[\d+\])?)|evt\.time|fd\.(sport|lport))$/;
/** `saddr:sport->daddr:dport`: the local port is ephemeral. */
const SOCKET = /^(.*):\d+->(.+)$/;

export function stableOutputFields(fields: Record<string, OutputFieldValue>): [string, OutputFieldValue][] {
  return Object.keys(fields)
    .filter((k) => !VOLATILE.test(k))
    .sort()
    .map((k) => {
      const v = fields[k] ?? null;
      return [k, typeof v === 'string' ? v.replace(SOCKET, '$1:*->$2') : v];
    });
}

export function alertGroupKeys(input: {
  rule: string;
  execId: string;
  namespace: string;
  pod: string;
  node: string;
  outputFields: Record<string, OutputFieldValue>;
}): AlertGroupKeys {
  const scope = input.pod ? `pod:${input.namespace}/${input.pod}` : `node:${input.node}`;
  return {
    processKey: input.execId ? JSON.stringify([input.rule, 'exec', input.execId]) : '',
    outputKey: JSON.stringify([input.rule, scope, stableOutputFields(input.outputFields)]),
  };
}

/** How long after an alert's last occurrence a matching one still counts as a repeat. */
export const AGGREGATION_WINDOW_US = 10 * 60 * 1_000_000;

/**
 * A rule match on one Tetragon event → Falco's JSON alert. Receivers built for Falco (SIEM
 * parsers, falcosidekick-style webhooks) read it unchanged; the `source` is `tetragon` because
 * that is where the evidence came from.
 */
import type { RuleMatch } from '@/lib/domain/rules';
import type { Priority } from '@/lib/domain/rules';
import type { TetragonEventJson } from '@/lib/domain/wire-types';
import type { FalcoAlertJson } from './alert-types';

export const ALERT_SOURCE = 'tetragon';

const FALCO_PRIORITY: Record<Priority, string> = {
  EMERGENCY: 'Emergency',
  ALERT: 'Alert',
  CRITICAL: 'Critical',
  ERROR: 'Error',
  WARNING: 'Warning',
  NOTICE: 'Notice',
  INFORMATIONAL: 'Informational',
  DEBUG: 'Debug',
};

export function falcoPriorityName(priority: Priority): string {
  return FALCO_PRIORITY[priority];
}

/** Falco prefixes its output with the event's time of day (nanoseconds) and the priority. */
export function falcoOutputLine(time: string, priority: Priority, message: string): string {
  const m = /T(\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?/.exec(time);
  const clock = m ? `${m[1]}.${(m[2] ?? '').padEnd(9, '0')}` : '00:00:00.000000000';
  return `${clock}: ${falcoPriorityName(priority)} ${message}`;
}

export function falcoAlertJson(match: RuleMatch, line: TetragonEventJson): FalcoAlertJson {
  const time = line.time ?? '';
  const message = match.output.trim();
  return {
    time,
    rule: match.rule,
    priority: falcoPriorityName(match.priority),
    source: ALERT_SOURCE,
    hostname: line.node_name ?? '',
    output: falcoOutputLine(time, match.priority, message),
    output_fields: match.outputFields,
    tags: [...match.tags],
  };
}

/**
 * A rule match on one Tetragon event → Falco's JSON alert, as Falco writes it with
 * `json_output: true`: `time` in UTC with nine fraction digits, `output` prefixed with the time of
 * day and the priority ("09:14:15.212300000: Critical …"), `output_fields` with `evt.time` in
 * nanoseconds since the epoch, `source` "syscall" (what Falco's kernel rules say), tags sorted and
 * unique. Receivers built for Falco (SIEM parsers, Falcosidekick) read it unchanged; Holocron's
 * own links travel beside it (the `holocron` object of webhook bodies, the summary columns of the
 * API).
 */
import type { OutputFieldValue, RuleMatch } from '@/lib/domain/rules';
import { FALCO_PRIORITY_NAME, type Priority } from '@/lib/domain/rules';
import { falcoClockTime, falcoIsoTime, parseFalcoTime } from '@/lib/domain/rules/falco-time';
import type { TetragonEventJson } from '@/lib/domain/wire-types';
import type { FalcoAlertJson } from './alert-types';

export const ALERT_SOURCE = 'syscall';

export function falcoPriorityName(priority: Priority): string {
  return FALCO_PRIORITY_NAME[priority];
}

/** Falco prefixes its output with the event's time of day (nanoseconds, UTC) and the priority. */
export function falcoOutputLine(time: string, priority: Priority, message: string): string {
  const t = parseFalcoTime(time);
  return `${t ? falcoClockTime(t) : '00:00:00.000000000'}: ${falcoPriorityName(priority)} ${message}`;
}

/** Falco sorts and de-duplicates a rule's tags in its output. */
export function falcoTags(tags: readonly string[]): string[] {
  return [...new Set(tags)].sort();
}

export function falcoAlertJson(match: RuleMatch, line: TetragonEventJson): FalcoAlertJson {
  const t = parseFalcoTime(line.time);
  const message = match.output.trim();
  const fields: Record<string, OutputFieldValue> = { ...match.outputFields };
  // A double holds ns since the epoch only to ~256 ns; falcoAlertJsonText writes it exactly.
  if (t) fields['evt.time'] = Number(t.epochNs);
  return {
    time: t ? falcoIsoTime(t) : (line.time ?? ''),
    rule: match.rule,
    priority: falcoPriorityName(match.priority),
    source: ALERT_SOURCE,
    hostname: line.node_name ?? '',
    output: falcoOutputLine(line.time ?? '', match.priority, message),
    output_fields: sortedKeys(fields),
    tags: falcoTags(match.tags),
  };
}

/** Falco writes output_fields in name order. */
function sortedKeys(fields: Record<string, OutputFieldValue>): Record<string, OutputFieldValue> {
  const out: Record<string, OutputFieldValue> = {};
  for (const key of Object.keys(fields).sort()) out[key] = fields[key]!;
  return out;
}

/**
 * The alert as JSON text with `evt.time` as the exact integer Falco writes (JSON.stringify of the
 * object would round it through a double).
 */
export function falcoAlertJsonText(alert: FalcoAlertJson): string {
  const t = parseFalcoTime(alert.time);
  const text = JSON.stringify(alert);
  const rounded = alert.output_fields['evt.time'];
  if (!t || typeof rounded !== 'number') return text;
  return text.replace(`"evt.time":${JSON.stringify(rounded)}`, `"evt.time":${t.epochNs.toString()}`);
}

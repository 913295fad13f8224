/**
 * Alerts from a real Falco: the JSON Falco's `http_output` posts (`json_output: true`), and the
 * payload Falcosidekick's webhook output posts (the same object plus its `uuid`). Validated and
 * bounded here — every string in it is hostile — before the server links each one to the
 * Tetragon process behind it and stores it beside Holocron's own alerts.
 */

import { z } from 'zod';
import { parsePriority, type Priority } from '@/lib/domain/rules';
import { falcoTags } from './falco-json';
import type { FalcoAlertJson } from './alert-types';
import type { OutputFieldValue } from '@/lib/domain/rules';

/** Limits: an alert is a few KiB; these only stop a sender from making one huge. */
export const FALCO_INTAKE_LIMITS = {
  bodyBytes: 1024 * 1024,
  alertsPerRequest: 500,
  outputChars: 32 * 1024,
  fieldCount: 256,
  fieldChars: 8 * 1024,
  tagCount: 64,
} as const;

const text = (max: number, what: string) => z.string().max(max, `${what} is longer than ${max} characters`);

const fieldValue = z.union([
  text(FALCO_INTAKE_LIMITS.fieldChars, 'an output field value'),
  z.number(),
  z.boolean(),
  z.null(),
  // Falco prints list fields as arrays of strings in some versions.
  z.array(text(FALCO_INTAKE_LIMITS.fieldChars, 'an output field value')).max(64),
]);

const falcoAlertSchema = z
  .object({
    uuid: text(128, 'uuid').optional(),
    time: text(64, 'time'),
    rule: text(1024, 'rule').min(1, 'rule is empty'),
    priority: text(32, 'priority'),
    output: text(FALCO_INTAKE_LIMITS.outputChars, 'output'),
    output_fields: z
      .record(text(256, 'an output field name'), fieldValue)
      .refine((o) => Object.keys(o).length <= FALCO_INTAKE_LIMITS.fieldCount, `output_fields has more than ${FALCO_INTAKE_LIMITS.fieldCount} fields`)
      .optional(),
    source: text(64, 'source').optional(),
    tags: z.array(text(256, 'a tag')).max(FALCO_INTAKE_LIMITS.tagCount, `more than ${FALCO_INTAKE_LIMITS.tagCount} tags`).optional(),
    hostname: text(256, 'hostname').optional(),
  })
  .passthrough();

/** Where an external alert came from. */
export type FalcoAlertOrigin = 'falco' | 'falcosidekick';

export interface IncomingFalcoAlert {
  origin: FalcoAlertOrigin;
  /** Falcosidekick's uuid (Falco's own http_output has none). */
  uuid: string | null;
  rule: string;
  priority: Priority;
  /** RFC 3339 as sent; microseconds since the epoch. */
  time: string;
  ts: number;
  /** The rule's text without Falco's "HH:MM:SS.nnnnnnnnn: Priority " prefix. */
  message: string;
  /** Falco's object as it will be stored (unknown keys dropped, tags sorted and unique). */
  falco: FalcoAlertJson;
}

export class FalcoIntakeError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 413 = 400,
  ) {
    super(message);
    this.name = 'FalcoIntakeError';
  }
}

/** Microseconds since the epoch of an RFC 3339 time (Falco's nine digits kept to the µs). */
function micros(time: string): number | null {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/i.exec(time);
  if (!m) return null;
  const ms = Date.parse(`${m[1]}${m[3]!.toUpperCase()}`);
  if (!Number.isFinite(ms)) return null;
  return ms * 1000 + Number((m[2] ?? '').padEnd(9, '0').slice(0, 6));
}

/** "09:14:15.212300000: Critical Message" → "Message" (any Falco time_format, priority name or not). */
export function stripFalcoPrefix(output: string, priorityName: string): string {
  const m = /^\S+: (\S+) /.exec(output);
  if (m && m[1]!.toLowerCase() === priorityName.toLowerCase()) return output.slice(m[0].length);
  return output;
}

/**
 * A request body → its alerts: one object (what Falco and Falcosidekick post), or an array of
 * them. Throws FalcoIntakeError with a message naming the alert and the field at fault.
 */
export function parseFalcoAlerts(body: unknown): IncomingFalcoAlert[] {
  const list = Array.isArray(body) ? body : [body];
  if (list.length === 0) throw new FalcoIntakeError('the body is an empty array: send a Falco alert object');
  if (list.length > FALCO_INTAKE_LIMITS.alertsPerRequest) {
    throw new FalcoIntakeError(`${list.length} alerts in one request; at most ${FALCO_INTAKE_LIMITS.alertsPerRequest}`, 413);
  }
  return list.map((item, i) => parseOne(item, list.length > 1 ? `alert ${i + 1}: ` : ''));
}

function parseOne(item: unknown, where: string): IncomingFalcoAlert {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    throw new FalcoIntakeError(`${where}expected a Falco alert object (json_output: true), got ${item === null ? 'null' : Array.isArray(item) ? 'an array' : typeof item}`);
  }
  const parsed = falcoAlertSchema.safeParse(item);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.join('.');
    throw new FalcoIntakeError(`${where}${path ? `${path}: ` : ''}${issue.message}`);
  }
  const a = parsed.data;
  const priority = parsePriority(a.priority);
  if (!priority) throw new FalcoIntakeError(`${where}priority: unknown priority ${JSON.stringify(a.priority)} (Falco's are Emergency … Debug)`);
  const ts = micros(a.time);
  if (ts === null) throw new FalcoIntakeError(`${where}time: not an RFC 3339 time: ${JSON.stringify(a.time)}`);
  const fields: Record<string, OutputFieldValue> = {};
  for (const [k, v] of Object.entries(a.output_fields ?? {})) fields[k] = Array.isArray(v) ? v.join(',') : v;
  const falco: FalcoAlertJson = {
    time: a.time,
    rule: a.rule,
    priority: a.priority,
    source: a.source ?? 'syscall',
    hostname: a.hostname ?? '',
    output: a.output,
    output_fields: fields,
    tags: falcoTags(a.tags ?? []),
  };
  return {
    origin: a.uuid ? 'falcosidekick' : 'falco',
    uuid: a.uuid ?? null,
    rule: a.rule,
    priority,
    time: a.time,
    ts,
    message: stripFalcoPrefix(a.output, a.priority).trim(),
    falco,
  };
}

/** What identifies the process behind a Falco alert, from its output fields. */
export interface FalcoProcessHint {
  pid: number | null;
  name: string | null;
  exepath: string | null;
  containerId: string | null;
  namespace: string | null;
  pod: string | null;
}

export function processHint(fields: Record<string, OutputFieldValue>): FalcoProcessHint {
  const str = (k: string) => {
    const v = fields[k];
    return typeof v === 'string' && v !== '' && v !== '<NA>' && v !== 'N/A' ? v : null;
  };
  const num = (k: string) => {
    const v = fields[k];
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
    return Number.isSafeInteger(n) && n > 0 ? n : null;
  };
  const container = str('container.id') ?? str('container.full_id');
  return {
    pid: num('proc.pid') ?? num('thread.tid'),
    name: str('proc.name'),
    exepath: str('proc.exepath') ?? str('proc.exe'),
    containerId: container === 'host' ? null : container,
    namespace: str('k8s.ns.name'),
    pod: str('k8s.pod.name'),
  };
}

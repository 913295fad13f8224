/**
 * Alerts: what a rule match becomes once stored. The upstream-style object is Falco's JSON
 * output (so SIEM pipelines and falcosidekick-style receivers read it as they read Falco); the
 * summary columns beside it link the alert to its evidence (events, process, pod, node) and
 * count its repeats. Every string here comes from an event or a rule output: hostile, render as
 * inert text.
 */
import type { OutputFieldValue, Priority, RuleStatus } from '@/lib/domain/rules';

/** Falco's JSON alert (`json_output: true`), field for field. */
export interface FalcoAlertJson {
  /** The evidence event's time, RFC 3339 as the event carried it. */
  time: string;
  rule: string;
  /** Falco's spelling: Emergency, Alert, Critical, Error, Warning, Notice, Informational, Debug. */
  priority: string;
  source: string;
  hostname: string;
  /** "HH:MM:SS.nnnnnnnnn: Priority message", as Falco prints it. */
  output: string;
  output_fields: Record<string, OutputFieldValue>;
  tags: string[];
}

export interface AlertSummary {
  /** Stable: derived from the rule and the first evidence event's id. */
  id: string;
  rule: string;
  priority: Priority;
  /** First occurrence (the evidence event's time). */
  time: string;
  ts: number;
  node: string;
  namespace: string;
  pod: string;
  /** The process that did it (first occurrence). */
  execId: string;
  /** The first evidence event. */
  eventId: string;
  /** The rule's rendered output, without Falco's time/priority prefix. */
  message: string;
  tags: string[];
  /** Occurrences aggregated into this alert (1 for a single action). */
  count: number;
  firstSeenUs: number;
  lastSeenUs: number;
  /** The latest occurrence's evidence, when it differs from the first. */
  lastEventId: string;
  lastExecId: string;
}

/** One occurrence's evidence, as /api/alerts/<id> lists them. */
export interface AlertEvidence {
  eventId: string;
  execId: string;
  ts: number;
}

export interface AlertCounts {
  total: number;
  byPriority: Partial<Record<Priority, number>>;
  byRule: { rule: string; priority: Priority; count: number }[];
  byNamespace: { namespace: string; count: number }[];
}

export interface AlertTimelineBucket {
  startUs: number;
  counts: Partial<Record<Priority, number>>;
}

export interface AlertTimeline {
  startUs: number;
  endUs: number;
  bucketUs: number;
  buckets: AlertTimelineBucket[];
}

/** A rule file problem, shown on /alerts and in /api/health. */
export interface RuleLoadError {
  file: string;
  line: number;
  message: string;
}

/** One rule of the effective rule set, as /alerts and /api/alerts/rules show it. */
export type RuleSetEntry = RuleStatus & {
  /** Events seen since start whose evt.type this rule can fire on. */
  seen: number;
};

export interface RuleSetReport {
  engineVersion: string;
  files: string[];
  rules: RuleSetEntry[];
  errors: RuleLoadError[];
  notices: RuleLoadError[];
  plugins: { name: string; version: string; file: string; line: number; provided: boolean }[];
  /** Events seen since start, by evt.type. */
  seenTypes: Record<string, number>;
}

/** Ids of alerts received from a real Falco (POST /api/falco/alerts) start with this. */
export const FALCO_INTAKE_ID_PREFIX = 'fa-';

export function isReceivedFalcoAlert(id: string): boolean {
  return id.startsWith(FALCO_INTAKE_ID_PREFIX);
}

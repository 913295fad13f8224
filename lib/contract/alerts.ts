import type { AlertLinks } from '@/lib/domain/alerts/alert-links';
import type { FalcoAlertOrigin } from '@/lib/domain/alerts/falco-intake';
import type { AlertCounts, AlertSummary, AlertTimeline, FalcoAlertJson, RuleLoadError } from '@/lib/domain/alerts/alert-types';
import type { EventItem } from './events';
import type { Page } from './flows';

export type { RuleSetReport } from '@/lib/domain/alerts/alert-types';

/**
 * Falco's JSON as stored: an alert posted to /api/falco/alerts keeps Falcosidekick's `uuid` and
 * gains `holocron` (where it came from, the Tetragon process it was linked to).
 */
export type StoredFalcoAlertJson = FalcoAlertJson & {
  uuid?: string;
  holocron?: { origin: FalcoAlertOrigin; received_at: string; link: { exec_id: string; event_id: string; matched_on: string[] } | null };
};

/** An item of GET /api/alerts: summary columns, Falco's JSON as `event`, and links to the evidence. */
export type AlertListItem = AlertSummary & { event: StoredFalcoAlertJson; links: AlertLinks };

export type AlertsPage = Page<AlertListItem>;

/** GET /api/alerts/<id>: the alert, its evidence events and the rule as loaded now. */
export interface AlertDetail extends AlertListItem {
  /** Each occurrence's evidence event, oldest first; `event` is null once retention removed it. */
  evidence: { eventId: string; execId: string; ts: number; event: EventItem | null }[];
  /** The rule as loaded now (null when it was removed or renamed since). */
  ruleInfo: { desc: string; file: string; line: number; condition: string } | null;
}

/** GET /api/alerts/counts: the facets, the timeline of occurrences, and the rule files' state. */
export interface AlertCountsAnswer extends AlertCounts {
  /** null when nothing matches. */
  timeline: AlertTimeline | null;
  rules: number;
  loadErrors: RuleLoadError[];
}

/** A new alert, or an existing one whose count grew (aggregated repeat). */
export type AlertChange = 'new' | 'repeat';

/** An alert as the live stream sends it. */
export type LiveAlert = AlertSummary & { change: AlertChange };

/** POST /api/falco/alerts (202): what was stored, what was already known, and the process each was linked to. */
export interface FalcoIntakeAnswer {
  accepted: number;
  duplicates: number;
  alerts: {
    id: string;
    rule: string;
    origin: FalcoAlertOrigin;
    stored: string;
    link: { exec_id: string; event_id: string; namespace: string; pod: string; matched_on: string[] } | null;
  }[];
}

import { createHash } from 'node:crypto';
import { alertGroupKeys } from '@/lib/domain/alerts/alert-grouping';
import { FALCO_INTAKE_ID_PREFIX } from '@/lib/domain/alerts/alert-types';
import { processHint, type FalcoProcessHint, type IncomingFalcoAlert } from '@/lib/domain/alerts/falco-intake';
import { parseQuery } from '@/lib/domain/query/parse';
import type { ProcessJson, TetragonEventJson } from '@/lib/domain/wire-types';
import { eventBody } from '@/lib/domain/event-summary';
import type { AlertOccurrence } from '../store/alert-store';
import type { ProcessEventStore } from '../store/store';
import type { StoredFalcoAlertJson } from '@/lib/contract/alerts';

/**
 * Real Falco alerts in: each is linked to the Tetragon process behind it — the process with
 * Falco's proc.pid (a host pid, as Tetragon's) in the same container or pod, named like
 * proc.name, seen around the alert's time — and becomes an alert occurrence stored beside
 * Holocron's own, so the alert page offers that process's timeline and flows.
 */

/** How far around the alert's time the process's events are looked for. */
const NEAR_US = 60 * 1_000_000;
const CANDIDATES = 200;

export interface FalcoLink {
  execId: string;
  eventId: string;
  namespace: string;
  pod: string;
  node: string;
  /** What matched: pid, container/pod, name. */
  matchedOn: string[];
}

export interface IntakeResult {
  id: string;
  rule: string;
  origin: string;
  link: FalcoLink | null;
}

/** Stable id: Falcosidekick's uuid when there is one, else the alert's own content. */
export function falcoAlertId(alert: IncomingFalcoAlert): string {
  const key = alert.uuid ? `uuid\u0000${alert.uuid}` : `falco\u0000${alert.time}\u0000${alert.rule}\u0000${alert.falco.hostname}\u0000${alert.falco.output}`;
  return `${FALCO_INTAKE_ID_PREFIX}${createHash('sha256').update(key).digest('base64url').slice(0, 22)}`;
}

function containerIdOf(p: ProcessJson | undefined): string {
  const id = p?.pod?.container?.id ?? p?.docker ?? '';
  const scheme = id.indexOf('://');
  return scheme < 0 ? id : id.slice(scheme + 3);
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Does this stored event belong to the process Falco describes? Returns what matched, or null. */
function matches(hint: FalcoProcessHint, process: ProcessJson | undefined): string[] | null {
  if (!process) return null;
  const matched: string[] = [];
  if (hint.pid !== null) {
    if (process.pid !== hint.pid) return null;
    matched.push('pid');
  }
  if (hint.containerId) {
    const id = containerIdOf(process);
    if (!id || !id.startsWith(hint.containerId)) return null;
    matched.push('container.id');
  }
  if (hint.pod) {
    if (process.pod?.name !== hint.pod || (hint.namespace && process.pod?.namespace !== hint.namespace)) return null;
    matched.push('k8s.pod.name');
  }
  if (hint.exepath && process.binary) {
    if (process.binary !== hint.exepath) return null;
    matched.push('proc.exepath');
  } else if (hint.name && process.binary) {
    // Falco's proc.name is the 15-character comm.
    if (basename(process.binary).slice(0, 15) !== hint.name.slice(0, 15)) return null;
    matched.push('proc.name');
  }
  return matched;
}

/** The Tetragon process behind a Falco alert, from the store; null when none is known. */
export async function linkFalcoAlert(store: ProcessEventStore, alert: IncomingFalcoAlert): Promise<FalcoLink | null> {
  const hint = processHint(alert.falco.output_fields);
  // Without a pid or a place to look in, any match would be a guess.
  if (hint.pid === null || (!hint.containerId && !hint.pod && !hint.name)) return null;
  const terms = [`pid=${hint.pid}`];
  if (hint.pod) terms.push(`pod=${hint.namespace ? `${hint.namespace}/` : ''}${hint.pod}`);
  const q = parseQuery(terms.join(' '), 'events');
  const tries = [
    // The process's own events around the alert (the usual case: it is still running).
    { sinceUs: alert.ts - NEAR_US, untilUs: alert.ts + NEAR_US },
    // A long-running process: its exec, however long before.
    { sinceUs: null, untilUs: alert.ts + NEAR_US },
  ];
  for (const window of tries) {
    const page = await store.listEvents({ q, ...window, limit: CANDIDATES, cursor: null });
    let best: { link: FalcoLink; distance: number } | null = null;
    for (const row of page.rows) {
      let line: TetragonEventJson;
      try {
        line = JSON.parse(row.json) as TetragonEventJson;
      } catch {
        continue;
      }
      const process = eventBody(line).process;
      const matchedOn = matches(hint, process);
      if (!matchedOn || !process?.exec_id) continue;
      const t = Date.parse(line.time ?? '') * 1000;
      const distance = Number.isFinite(t) ? Math.abs(t - alert.ts) : Number.MAX_SAFE_INTEGER;
      if (!best || distance < best.distance) {
        best = {
          distance,
          link: {
            execId: process.exec_id,
            eventId: row.id,
            namespace: process.pod?.namespace ?? '',
            pod: process.pod?.name ?? '',
            node: line.node_name ?? '',
            matchedOn,
          },
        };
      }
    }
    if (best) return best.link;
  }
  return null;
}

/** An incoming Falco alert (linked or not) as an occurrence for the alert store. */
export function falcoOccurrence(alert: IncomingFalcoAlert, link: FalcoLink | null, receivedAt: string): AlertOccurrence {
  const id = falcoAlertId(alert);
  const hint = processHint(alert.falco.output_fields);
  const base = {
    rule: alert.rule,
    node: link?.node || alert.falco.hostname,
    namespace: link?.namespace ?? hint.namespace ?? '',
    pod: link?.pod ?? hint.pod ?? '',
    execId: link?.execId ?? '',
  };
  const stored: StoredFalcoAlertJson = {
    ...alert.falco,
    ...(alert.uuid ? { uuid: alert.uuid } : {}),
    holocron: {
      origin: alert.origin,
      received_at: receivedAt,
      link: link ? { exec_id: link.execId, event_id: link.eventId, matched_on: link.matchedOn } : null,
    },
  };
  return {
    id,
    ...base,
    priority: alert.priority,
    time: alert.time,
    ts: alert.ts,
    // The evidence is the Tetragon event it was linked to; an unlinked alert is its own evidence.
    eventId: link?.eventId ?? id,
    message: alert.message,
    tags: alert.falco.tags,
    ...alertGroupKeys({ ...base, outputFields: alert.falco.output_fields }),
    json: JSON.stringify(stored),
  };
}

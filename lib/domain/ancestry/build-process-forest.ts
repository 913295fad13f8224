/**
 * Process forest from stored Tetragon events, keyed by exec_id.
 *
 * Tetragon's `ancestors` is usually empty, so the tree is rebuilt from parent_exec_id: a node per
 * exec_id seen in any event — its own exec, exit or kprobe, or embedded as another event's
 * `parent` / `ancestors` entry (those get `seenExec: false`). Input order does not matter.
 */
import {
  fillGaps,
  fillGapsFromProcessJson,
  fillGapsFromSummary,
  infoFromProcessJson,
  infoFromSummary,
  SOURCE_RANK,
} from '@/lib/domain/ancestry/process-info';
import { emptyDraft, type ProcessDraft } from '@/lib/domain/ancestry/process-draft';
import { isMarkerKind, markerLabel } from '@/lib/domain/ancestry/process-marker';
import { linkForest } from '@/lib/domain/ancestry/link-forest';
import type { ProcessExit, ProcessForest } from '@/lib/domain/ancestry/process-node';
import type { StoredEvent } from '@/lib/domain/ancestry/stored-event';
import { rfc3339ToNs } from '@/lib/domain/ancestry/timestamp-ns';
import type { ProcessJson } from '@/lib/domain/wire-types';

export interface BuildForestOptions {
  /** Markers kept per process (earliest first); the rest are counted in `hiddenEvents`. Default 1000. */
  maxMarkersPerNode?: number;
}

export function buildProcessForest(events: readonly StoredEvent[], opts: BuildForestOptions = {}): ProcessForest {
  const drafts = new Map<string, ProcessDraft>();
  let skipped = 0;

  for (const ev of events) {
    if (!ev.execId) {
      skipped++;
      continue;
    }
    const isExec = ev.kind === 'process_exec';
    const draft = absorbOwn(drafts, ev, isExec ? SOURCE_RANK.exec : SOURCE_RANK.ownEvent);
    draft.hasOwnEvent = true;
    // The stored µs column: precise enough for ticks and start fallbacks, and free to read.
    const tsNs = ev.ts * 1000;
    if (draft.firstOwnNs === null || tsNs < draft.firstOwnNs) draft.firstOwnNs = tsNs;

    if (isExec) {
      draft.seenExec = true;
      draft.execEventId ??= ev.id;
    } else if (ev.kind === 'process_exit') {
      if (draft.exitEventId === null) {
        draft.exitEventId = ev.id;
        draft.endNs = rfc3339ToNs(ev.event.process_exit?.time) ?? tsNs;
        draft.exit = exitOf(ev);
      }
    } else if (isMarkerKind(ev.kind)) {
      draft.markers.push({ id: ev.id, kind: ev.kind, ts: ev.ts, tsNs, label: markerLabel(ev) });
    }

    // Parents and ancestors the event embeds, whatever its kind.
    const e = ev.event;
    const body = e.process_exec ?? e.process_exit ?? e.process_kprobe ?? e.process_tracepoint ?? e.process_lsm ?? e.process_uprobe;
    if (body?.parent) absorbEmbedded(drafts, body.parent, ev.execId);
    if (body?.ancestors) for (const p of body.ancestors) absorbEmbedded(drafts, p, ev.execId);
  }

  return linkForest(drafts, opts.maxMarkersPerNode ?? 1000, skipped);
}

function absorbOwn(drafts: Map<string, ProcessDraft>, ev: StoredEvent, rank: number): ProcessDraft {
  const draft = drafts.get(ev.execId);
  if (!draft) {
    const fresh = emptyDraft(infoFromSummary(ev), rank);
    drafts.set(ev.execId, fresh);
    return fresh;
  }
  if (rank > draft.rank) {
    const richer = infoFromSummary(ev);
    fillGaps(richer, draft.info);
    draft.info = richer;
    draft.rank = rank;
  } else {
    fillGapsFromSummary(draft.info, ev);
  }
  return draft;
}

function absorbEmbedded(drafts: Map<string, ProcessDraft>, p: ProcessJson, embeddedIn: string): void {
  const execId = p.exec_id;
  if (!execId || execId === embeddedIn) return;
  const draft = drafts.get(execId);
  if (draft) fillGapsFromProcessJson(draft.info, p);
  else drafts.set(execId, emptyDraft(infoFromProcessJson(p), SOURCE_RANK.embedded));
}

/** protojson omits a zero status, so an exit with neither signal nor status is "exit 0". */
function exitOf(ev: StoredEvent): ProcessExit {
  if (ev.signal) return ev.status ? { signal: ev.signal, status: ev.status } : { signal: ev.signal };
  return { status: ev.status ?? 0 };
}

/**
 * Process forest from stored Tetragon events, keyed by exec_id.
 *
 * Tetragon's `ancestors` is usually empty, so the tree is rebuilt from parent_exec_id: a node per
 * exec_id seen in any event — its own exec, exit or kprobe, or embedded as another event's
 * `parent` / `ancestors` entry (those get `seenExec: false`). Input order does not matter, except
 * that of a process's own events the earliest exec and the earliest exit are the ones linked.
 */
import { fillGaps, SOURCE_RANK } from '@/lib/domain/ancestry/process-info';
import { emptyDraft, type ProcessDraft } from '@/lib/domain/ancestry/process-draft';
import { processEventsOf, type EmbeddedProcess, type ProcessEvent } from '@/lib/domain/ancestry/process-event';
import { isMarkerKind } from '@/lib/domain/ancestry/process-marker';
import { linkForest } from '@/lib/domain/ancestry/link-forest';
import type { ProcessForest } from '@/lib/domain/ancestry/process-node';
import type { StoredEvent } from '@/lib/domain/ancestry/stored-event';

export interface BuildForestOptions {
  /** Markers kept per process (earliest first); the rest are counted in `hiddenEvents`. Default 1000. */
  maxMarkersPerNode?: number;
}

/** The forest of stored events (summary + upstream JSON), as the server holds them. */
export function buildProcessForest(events: readonly StoredEvent[], opts: BuildForestOptions = {}): ProcessForest {
  const { own, embedded } = processEventsOf(events);
  return buildForestFromProcessEvents(own, embedded, opts);
}

/**
 * The forest of process events and the processes they embed. Embeddings only describe (they fill
 * gaps), so taking them after the events they came with gives the same forest as interleaving.
 * The ProcessInfo objects become the nodes' and are filled in place: pass fresh ones (the
 * browser links 20,000 of them on a cold JIT, where every copy shows).
 */
export function buildForestFromProcessEvents(
  events: readonly ProcessEvent[],
  embedded: readonly EmbeddedProcess[],
  opts: BuildForestOptions = {},
): ProcessForest {
  const drafts = new Map<string, ProcessDraft>();
  let skipped = 0;

  for (const ev of events) {
    const execId = ev.process.execId;
    if (!execId) {
      skipped++;
      continue;
    }
    const isExec = ev.kind === 'process_exec';
    const draft = absorbOwn(drafts, ev, isExec ? SOURCE_RANK.exec : SOURCE_RANK.ownEvent);
    draft.hasOwnEvent = true;
    // The stored µs column: precise enough for ticks, ends and start fallbacks, and free to read.
    const tsNs = ev.ts * 1000;
    if (draft.firstOwnNs === null || tsNs < draft.firstOwnNs) draft.firstOwnNs = tsNs;

    if (isExec) {
      draft.seenExec = true;
      if (draft.execEventId === null || earlier(ev, draft.execTs, draft.execEventId)) {
        draft.execEventId = ev.id;
        draft.execTs = ev.ts;
      }
    } else if (ev.kind === 'process_exit') {
      if (draft.exitEventId === null || earlier(ev, draft.exitTs, draft.exitEventId)) {
        draft.exitEventId = ev.id;
        draft.exitTs = ev.ts;
        draft.endNs = tsNs;
        draft.exit = ev.exit;
      }
    } else if (isMarkerKind(ev.kind)) {
      draft.markers.push({ id: ev.id, kind: ev.kind, ts: ev.ts, tsNs, label: ev.label });
    }
  }

  for (const e of embedded) absorbEmbedded(drafts, e);
  return linkForest(drafts, opts.maxMarkersPerNode ?? 1000, skipped);
}

/** Whether `ev` comes before the one already linked (time, then id: the same pick in any input order). */
function earlier(ev: ProcessEvent, ts: number, id: string): boolean {
  return ev.ts < ts || (ev.ts === ts && ev.id < id);
}

function absorbOwn(drafts: Map<string, ProcessDraft>, ev: ProcessEvent, rank: number): ProcessDraft {
  const draft = drafts.get(ev.process.execId);
  if (!draft) {
    const fresh = emptyDraft(ev.process, rank);
    drafts.set(ev.process.execId, fresh);
    return fresh;
  }
  if (rank > draft.rank) {
    const richer = ev.process;
    fillGaps(richer, draft.info);
    draft.info = richer;
    draft.rank = rank;
  } else {
    fillGaps(draft.info, ev.process);
  }
  return draft;
}

function absorbEmbedded(drafts: Map<string, ProcessDraft>, { embeddedIn, process }: EmbeddedProcess): void {
  const execId = process.execId;
  if (!execId || execId === embeddedIn) return;
  const draft = drafts.get(execId);
  if (draft) fillGaps(draft.info, process);
  else drafts.set(execId, emptyDraft(process, SOURCE_RANK.embedded));
}

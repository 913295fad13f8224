/**
 * What building the forest reads from one stored event, whatever carried it: the summary and
 * upstream JSON on the server (processEventsOf), or the compact records of the tree API in the
 * browser (timeline/pod-tree-records.ts). Keeping the builder on this narrow shape is what lets
 * the API ship ~200 bytes per event instead of each event's full upstream object.
 */
import { infoFromProcessJson, infoFromSummary, type ProcessInfo } from '@/lib/domain/ancestry/process-info';
import { isMarkerKind, markerLabel } from '@/lib/domain/ancestry/process-marker';
import type { ProcessExit } from '@/lib/domain/ancestry/process-node';
import type { StoredEvent } from '@/lib/domain/ancestry/stored-event';
import type { EventSummary } from '@/lib/domain/records';

/** An event of the process it describes: its exec, its exit, or a marker (kprobe …) on its bar. */
export interface ProcessEvent {
  id: string;
  ts: number; // µs since the epoch (the stored column); an exit's end, a marker's place
  kind: string; // process_exec, process_exit, process_kprobe, …
  /** The process the event is about. execId "" means it cannot be placed (counted as skipped). */
  process: ProcessInfo;
  /** process_exit only: how it ended. */
  exit: ProcessExit | null;
  /** Markers only: the tick's label ("connect 10.96.12.4:80"). */
  label: string;
}

/** A process described only as the `parent` (or one of the `ancestors`) inside another process's event. */
export interface EmbeddedProcess {
  /** exec_id of the process whose event embeds it (an event never describes its own process this way). */
  embeddedIn: string;
  process: ProcessInfo;
}

/** protojson omits a zero status, so an exit with neither signal nor status is "exit 0". */
export function exitOf(signal: string, status: number | null): ProcessExit {
  if (signal) return status ? { signal, status } : { signal };
  return { status: status ?? 0 };
}

/** The event's own part, from its summary columns; `label` is only read for marker kinds. */
export function processEventOfSummary(s: EventSummary, label: string): ProcessEvent {
  return {
    id: s.id,
    ts: s.ts,
    kind: s.kind,
    process: infoFromSummary(s),
    exit: s.kind === 'process_exit' ? exitOf(s.signal, s.status) : null,
    label,
  };
}

/** The parent and ancestors an event embeds, whatever its kind. */
export function embeddedIn(ev: StoredEvent): EmbeddedProcess[] {
  const e = ev.event;
  const body = e.process_exec ?? e.process_exit ?? e.process_kprobe ?? e.process_tracepoint ?? e.process_lsm ?? e.process_uprobe;
  const out: EmbeddedProcess[] = [];
  if (body?.parent) out.push({ embeddedIn: ev.execId, process: infoFromProcessJson(body.parent) });
  for (const p of body?.ancestors ?? []) out.push({ embeddedIn: ev.execId, process: infoFromProcessJson(p) });
  return out;
}

/** Stored events → what the builder reads, own parts and embeddings each in event order. */
export function processEventsOf(events: readonly StoredEvent[]): { own: ProcessEvent[]; embedded: EmbeddedProcess[] } {
  const own: ProcessEvent[] = [];
  const embedded: EmbeddedProcess[] = [];
  for (const ev of events) {
    own.push(processEventOfSummary(ev, isMarkerKind(ev.kind) ? markerLabel(ev) : ''));
    if (ev.execId) embedded.push(...embeddedIn(ev)); // an event that cannot be placed is skipped whole
  }
  return { own, embedded };
}

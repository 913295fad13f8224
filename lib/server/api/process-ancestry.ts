import { ancestryChain, buildProcessForest, type StoredEvent } from '@/lib/domain/ancestry';
import { processLink, type ProcessLink } from '@/lib/domain/process-context/process-link';
import type { ProcessEventStore } from '../store/store';
import { eventItem } from './items';

/**
 * [self, parent, grandparent, …] of a process, rebuilt from stored exec events by exec_id →
 * parent_exec_id (Tetragon's `ancestors` is usually empty). Where no exec was stored — a host
 * containerd-shim started long before the agent — the `parent` embedded in a child's event stands
 * in, so the chain still reaches it.
 */
const MAX_DEPTH = 64;
const MAX_FALLBACKS_PER_LEVEL = 4;

export async function processChain(store: ProcessEventStore, own: readonly StoredEvent[], execId: string): Promise<ProcessLink[]> {
  const known: StoredEvent[] = [...own];
  const asked = new Set<string>([execId]);
  let frontier = parentIdsOf(own, asked);
  for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
    for (const id of frontier) asked.add(id);
    const found = (await store.execEventsByExecIds(frontier)).map(eventItem);
    // No exec stored (started before the agent): any own event of it still embeds its parent.
    const missing = frontier.filter((id) => !found.some((e) => e.execId === id)).slice(0, MAX_FALLBACKS_PER_LEVEL);
    for (const id of missing) found.push(...(await store.eventsOfExecId(id, 1)).rows.map(eventItem));
    known.push(...found);
    frontier = parentIdsOf(found, asked);
  }
  return ancestryChain(buildProcessForest(known), execId).map(processLink);
}

/** Parent exec_ids an event names, its own and its embedded parent's, not yet asked for. */
function parentIdsOf(events: readonly StoredEvent[], asked: ReadonlySet<string>): string[] {
  const ids = new Set<string>();
  for (const ev of events) {
    const e = ev.event;
    const body = e.process_exec ?? e.process_exit ?? e.process_kprobe ?? e.process_tracepoint ?? e.process_lsm ?? e.process_uprobe;
    for (const id of [ev.parentExecId, body?.parent?.parent_exec_id ?? '']) if (id && !asked.has(id)) ids.add(id);
  }
  return [...ids];
}

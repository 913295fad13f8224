import type { EventContext } from '@/lib/contract/events';
import { flowMatchesQuery, processFlowsQuery } from '@/lib/domain/correlation';
import type { CorrelationStore, ProcessEventStore } from '../store/store';
import { eventItem } from './items';
import { processChain } from './process-ancestry';
import { processFlows } from './process-flows';

/**
 * Everything /events/<id> shows around one event: the process chain up to its root, the
 * process's other events (exec, exit, kprobes), its flows, and — for a socket event — the flows of
 * that very connection (the shape: lib/contract/events.ts).
 */
export type { EventContext };

const MAX_PROCESS_EVENTS = 1000;

export async function eventContext(store: ProcessEventStore & CorrelationStore, id: string): Promise<EventContext | null> {
  const row = await store.getEvent(id);
  if (!row) return null;
  const item = eventItem(row);
  const own = item.execId ? await store.eventsOfExecId(item.execId, MAX_PROCESS_EVENTS) : { rows: [row], truncated: false };
  const ownItems = own.rows.map(eventItem);
  if (!ownItems.some((e) => e.id === item.id)) ownItems.push(item);
  const [chain, flows] = await Promise.all([
    item.execId ? processChain(store, ownItems, item.execId) : Promise.resolve([]),
    processFlows(store, ownItems),
  ]);
  const lookup = item.sock ? processFlowsQuery([item])[0] : undefined;
  return {
    item,
    chain,
    processEvents: { items: ownItems.map(({ event: _json, ...s }) => s), truncated: own.truncated },
    flows,
    connectionFlows: lookup ? flows.items.filter((f) => flowMatchesQuery(f, lookup)) : [],
  };
}

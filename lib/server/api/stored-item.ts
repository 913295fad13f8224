import { HttpError } from '../http/http-error';
import type { FlowStore, ProcessEventStore } from '../store/store';
import { eventItem, flowItem, type EventItem, type FlowItem } from './items';

/**
 * The flow or event a route's path names (/api/flows/<uuid>…, /api/events/<id>…), as an API
 * item; a 404 that says why it may be missing when it is not stored.
 */
export async function storedFlow(store: Pick<FlowStore, 'getFlow'>, uuid: string): Promise<FlowItem> {
  const row = await store.getFlow(uuid);
  if (!row) throw new HttpError(404, `no flow with uuid ${uuid} is stored (it may be older than the retention)`);
  return flowItem(row);
}

export async function storedEvent(store: Pick<ProcessEventStore, 'getEvent'>, id: string): Promise<EventItem> {
  const row = await store.getEvent(id);
  if (!row) throw new HttpError(404, `no event with id ${id} is stored (it may be older than the retention)`);
  return eventItem(row);
}

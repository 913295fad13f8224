import type { ConnectionMatch, ResolvedDestination } from '@/lib/domain/correlation';
import type { ProcessLink } from '@/lib/domain/process-context/process-link';
import type { EventSummary, FlowSummary, ListItem } from '@/lib/domain/records';
import type { TetragonEventJson } from '@/lib/domain/wire-types';
import type { Page } from './flows';

/** GET /api/events/<id>, and each item of GET /api/events: summary columns and the upstream Tetragon object. */
export type EventItem = ListItem<EventSummary, TetragonEventJson>;

export type EventsPage = Page<EventItem>;

export interface SocketDestination {
  eventId: string;
  daddr: string;
  dport: number;
  destination: ResolvedDestination | null;
}

/** GET /api/events/<id>/flows: the flows of the event's process, and where its sockets went. */
export interface ProcessFlowsJson {
  items: FlowSummary[];
  /** Connections looked up (one per distinct socket of the process). */
  connections: number;
  destinations: SocketDestination[];
  truncated: boolean;
}

/**
 * Everything /events/<id> shows around one event (rendered by the server, not an API answer of
 * its own): the process chain up to its root, the process's other events, its flows, and — for a
 * socket event — the flows of that very connection.
 */
export interface EventContext {
  item: EventItem;
  /** [this process, its parent, …, root]. */
  chain: ProcessLink[];
  processEvents: { items: EventSummary[]; truncated: boolean };
  flows: ProcessFlowsJson;
  /** The flows of this event's own connection (socket events only). */
  connectionFlows: FlowSummary[];
}

/** GET /api/flows/<uuid>/processes: the process that made the connection, and the destination pod's processes. */
export interface FlowProcessesJson {
  flow: { id: string; time: string; ts: number; line: string };
  connecting: {
    event: EventSummary;
    match: ConnectionMatch;
    reason: string;
    score: number;
    deltaMs: number;
    /** [the connecting process, its parent, …, root]. */
    chain: ProcessLink[];
  } | null;
  candidates: number;
  /** Why nothing was found, in words a responder can act on; "" when a process was found. */
  note: string;
  destination: {
    namespace: string;
    pod: string;
    sinceUs: number;
    untilUs: number;
    events: EventSummary[];
    truncated: boolean;
  } | null;
}

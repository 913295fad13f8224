import type * as grpc from '@grpc/grpc-js';
import type { HubbleFlowJson, TetragonEventJson } from '@/lib/domain/wire-types';
import { encodeProtoJson } from '@/lib/wire/from-protojson';
import { wireTypes } from '@/lib/wire/wire-root';
import { AgentSelf } from './agent-self';
import { BoundedWriter } from './bounded-writer';
import { RingBuffer } from './ring-buffer';

/**
 * The agent's side of the two streams. Tetragon's GetEvents is live only; Hubble keeps a ring of
 * recent flows for `number`/`since` requests. A subscriber that cannot keep up is not buffered
 * without bound: past a limit its messages are dropped and counted, and once it drains it is told
 * how many it lost (lost_events / rate_limit_info), as the real agents do.
 */
export type AgentItem =
  | { stream: 'tetragon'; json: TetragonEventJson; bytes: Buffer; timeUs: number }
  | { stream: 'hubble'; json: HubbleFlowJson; bytes: Buffer; timeUs: number };

interface Subscriber {
  stream: 'tetragon' | 'hubble';
  accept: (item: AgentItem) => boolean;
  call: grpc.ServerWritableStream<unknown, Buffer>;
  writer: BoundedWriter;
}

// grpc-js server streams are in object mode: writableLength counts queued messages. 4096 is the
// size of Hubble's default ring, the backlog a real node would hold for a slow reader.
const MAX_QUEUED_MESSAGES = 4096;

export class AgentBus {
  private readonly ring: RingBuffer<AgentItem>;
  private readonly subscribers = new Set<Subscriber>();
  private firstSubscriber: (() => void) | null = null;
  private firstTetragonSubscriber: (() => void) | null = null;
  readonly firstSubscriberReady: Promise<void>;
  /** GetEvents has no replay (GetFlows has, from the ring): a scripted source waits for this one. */
  readonly firstTetragonSubscriberReady: Promise<void>;
  seenFlows = 0;
  /** What the agent reports about itself (health, policies, nodes), learnt from what it emits. */
  readonly self: AgentSelf;

  constructor(ringSize = 65_535, source = 'unknown') {
    this.self = new AgentSelf(source);
    this.ring = new RingBuffer(ringSize);
    this.firstSubscriberReady = new Promise((resolve) => (this.firstSubscriber = resolve));
    this.firstTetragonSubscriberReady = new Promise((resolve) => (this.firstTetragonSubscriber = resolve));
  }

  /** Encode once; every subscriber gets the same bytes. */
  static encode(stream: 'tetragon' | 'hubble', json: TetragonEventJson | HubbleFlowJson, timeUs: number): AgentItem {
    const w = wireTypes();
    const type = stream === 'tetragon' ? w.GetEventsResponse : w.GetFlowsResponse;
    const bytes = Buffer.from(encodeProtoJson(type, json as Record<string, unknown>));
    return { stream, json, bytes, timeUs } as AgentItem;
  }

  get flowsInRing(): number {
    return this.ring.length;
  }

  recentFlows(): readonly AgentItem[] {
    return this.ring.toArray();
  }

  /** Sends to every matching subscriber; false when every one of them had to drop it. */
  emit(item: AgentItem): boolean {
    this.self.observe(item.stream, item.json);
    if (item.stream === 'hubble' && item.json.flow) {
      this.seenFlows++;
      this.ring.push(item);
    }
    let offered = 0;
    let sent = 0;
    for (const sub of this.subscribers) {
      if (sub.stream === item.stream && sub.accept(item)) {
        offered++;
        if (this.send(sub, item.bytes)) sent++;
      }
    }
    return offered === 0 || sent > 0;
  }

  send(sub: Subscriber, bytes: Buffer): boolean {
    return sub.writer.write(bytes);
  }

  subscribe(stream: 'tetragon' | 'hubble', accept: (item: AgentItem) => boolean, call: grpc.ServerWritableStream<unknown, Buffer>): Subscriber {
    const sub: Subscriber = { stream, accept, call, writer: new BoundedWriter(call, MAX_QUEUED_MESSAGES, (n) => lostNotice(stream, n)) };
    this.subscribers.add(sub);
    const drop = () => {
      sub.writer.close();
      this.subscribers.delete(sub);
    };
    call.on('cancelled', drop);
    call.on('close', drop);
    call.on('error', drop);
    this.firstSubscriber?.();
    this.firstSubscriber = null;
    if (stream === 'tetragon') {
      this.firstTetragonSubscriber?.();
      this.firstTetragonSubscriber = null;
    }
    return sub;
  }

  unsubscribe(sub: Subscriber): void {
    sub.writer.close();
    this.subscribers.delete(sub);
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }
}

export function lostNotice(stream: 'tetragon' | 'hubble', count: number, nodeName?: string): Buffer {
  const now = new Date().toISOString();
  if (stream === 'tetragon') {
    return AgentBus.encode('tetragon', { rate_limit_info: { number_of_dropped_process_events: String(count) }, ...(nodeName ? { node_name: nodeName } : {}), time: now }, 0).bytes;
  }
  return AgentBus.encode('hubble', { lost_events: { source: 'OBSERVER_EVENTS_QUEUE', num_events_lost: String(count) }, time: now }, 0)
    .bytes;
}

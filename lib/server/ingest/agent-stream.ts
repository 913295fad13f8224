import * as grpc from '@grpc/grpc-js';
import type protobuf from 'protobufjs';
import type { HubbleFlowJson, TetragonEventJson } from '@/lib/domain/wire-types';
import type { AgentEndpoint } from '@/lib/server/config/agent-endpoints';
import { nsToTimestamp } from '@/lib/wire/timestamp';
import { toProtoJson } from '@/lib/wire/to-protojson';
import { HUBBLE_GET_FLOWS, TETRAGON_GET_EVENTS, wireTypes } from '@/lib/wire/wire-root';
import { closeGap, newAgentStatus, nowUs, recordGapStart, type AgentStatus } from './agent-status';
import { Backoff } from './backoff';
import { createAgentClient, identity } from './grpc-client';
import { acceptHubbleLine, acceptTetragonLine, type IngestSink } from './accept-line';

/**
 * One subscription to one agent: GetEvents (Tetragon) or GetFlows (Hubble), kept alive with
 * jittered reconnects. Messages are decoded here, once, into upstream protojson and handed to the
 * sink. A frame that does not decode is counted and logged, and the stream goes on.
 */
export interface AgentStreamOptions {
  /** Where Hubble should resume from after a restart of Holocron (µs), if anything is stored. */
  initialSinceUs?: () => Promise<number | null>;
  log?: (msg: string) => void;
  backoff?: Backoff;
}

export class AgentStream {
  readonly status: AgentStatus;
  private readonly client: grpc.Client;
  private call: grpc.ClientReadableStream<Buffer> | null = null;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private sinceUs: number | null = null;
  private readonly backoff: Backoff;
  private readonly log: (msg: string) => void;
  private lastLogUs = 0;

  constructor(
    readonly endpoint: AgentEndpoint,
    private readonly sink: IngestSink,
    private readonly opts: AgentStreamOptions = {},
  ) {
    this.status = newAgentStatus(endpoint.label, endpoint.kind);
    this.client = createAgentClient(endpoint);
    this.backoff = opts.backoff ?? new Backoff({ initialMs: 250, maxMs: 15_000 });
    this.log = opts.log ?? ((m) => console.warn(`[ingest] ${m}`));
  }

  async start(): Promise<void> {
    if (this.endpoint.kind === 'hubble' && this.opts.initialSinceUs) this.sinceUs = await this.opts.initialSinceUs();
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.call?.cancel();
    this.client.close();
    this.status.state = 'stopped';
  }

  /** Backpressure from the batcher: stop reading from the socket until it drains. */
  pause(): void {
    this.call?.pause();
  }

  resume(): void {
    this.call?.resume();
  }

  private request(): { type: protobuf.Type; path: string; body: Record<string, unknown> } {
    const w = wireTypes();
    if (this.endpoint.kind === 'tetragon') return { type: w.GetEventsRequest, path: TETRAGON_GET_EVENTS, body: {} };
    const body: Record<string, unknown> = { follow: true };
    if (this.sinceUs !== null) body.since = nsToTimestamp(BigInt(Math.floor(this.sinceUs)) * 1000n);
    else body.number = 4095; // what a Hubble node keeps by default: take its whole history
    return { type: w.GetFlowsRequest, path: HUBBLE_GET_FLOWS, body };
  }

  private connect(): void {
    if (this.stopped) return;
    this.status.state = 'connecting';
    const { type, path, body } = this.request();
    const decodeType = this.endpoint.kind === 'tetragon' ? wireTypes().GetEventsResponse : wireTypes().GetFlowsResponse;
    const resuming = this.endpoint.kind === 'hubble' && this.sinceUs !== null;
    const call = this.client.makeServerStreamRequest<Record<string, unknown>, Buffer>(
      path,
      (req) => Buffer.from(type.encode(req).finish()),
      identity,
      body,
    );
    this.call = call;
    let live = false;
    const markLive = () => {
      if (live) return;
      live = true;
      this.status.state = 'connected';
      this.status.connectedSinceUs = nowUs();
      this.status.lastError = null;
      this.backoff.reset();
      closeGap(this.status, resuming);
    };
    call.on('metadata', markLive);
    call.on('data', (frame: Buffer) => {
      markLive();
      this.onFrame(decodeType, frame);
    });
    call.on('error', (err: grpc.ServiceError) => this.onDisconnect(call, err.details || err.message));
    call.on('end', () => this.onDisconnect(call, 'stream ended by the agent'));
  }

  private onFrame(type: protobuf.Type, frame: Buffer): void {
    const s = this.status;
    s.lastMessageUs = nowUs();
    let json: Record<string, unknown>;
    try {
      json = toProtoJson(type, type.decode(frame) as unknown as Record<string, unknown>);
    } catch (e) {
      s.malformed++;
      this.logThrottled(`${this.endpoint.label}: dropped a malformed frame (${frame.length} bytes): ${(e as Error).message}`);
      return;
    }
    s.received++;
    const result =
      this.endpoint.kind === 'tetragon'
        ? acceptTetragonLine(json as TetragonEventJson, this.sink, s)
        : acceptHubbleLine(json as HubbleFlowJson, this.sink, s);
    if (result.error) {
      s.malformed++;
      this.logThrottled(`${this.endpoint.label}: ${result.error}`);
    }
    if (result.timeUs !== null) {
      s.lastEventTimeUs = result.timeUs;
      if (this.endpoint.kind === 'hubble') this.sinceUs = result.timeUs;
    }
  }

  private onDisconnect(call: grpc.ClientReadableStream<Buffer>, reason: string): void {
    if (this.call !== call) return; // a late event from a stream we already replaced
    this.call = null;
    call.removeAllListeners();
    call.on('error', () => {});
    if (this.stopped) return;
    this.status.lastError = reason;
    this.status.state = 'backoff';
    this.status.reconnects++;
    recordGapStart(this.status);
    const delay = this.backoff.next();
    this.logThrottled(`${this.endpoint.label}: disconnected (${reason}); reconnecting in ${delay} ms`);
    this.timer = setTimeout(() => this.connect(), delay);
  }

  private logThrottled(msg: string): void {
    const now = nowUs();
    if (now - this.lastLogUs < 1_000_000) return;
    this.lastLogUs = now;
    this.log(msg);
  }
}

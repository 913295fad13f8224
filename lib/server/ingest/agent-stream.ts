import * as grpc from '@grpc/grpc-js';
import type protobuf from 'protobufjs';
import type { AgentEndpoint } from '@/lib/server/config/agent-endpoints';
import { NODE_NAME_HEADER } from '@/lib/wire/node-name-header';
import { nsToTimestamp } from '@/lib/wire/timestamp';
import { HUBBLE_GET_FLOWS, TETRAGON_GET_EVENTS, wireTypes } from '@/lib/wire/wire-root';
import { closeGap, newAgentStatus, nowUs, recordGapStart, type AgentDiscovery, type AgentStatus } from './agent-status';
import { Backoff } from './backoff';
import type { DecodedBatch } from './decode-frames';
import { decodePool, type DecodePool } from './decode-pool';
import { createAgentClient, identity } from './grpc-client';
import type { IngestSink } from './accept-line';
import { countStringsCut } from './string-cap';
import { SelfInfoPoller } from './agent-self-info';

/**
 * One subscription to one agent: GetEvents (Tetragon) or GetFlows (Hubble), kept alive with
 * jittered reconnects. Frames are decoded once, into upstream protojson and records, in batches
 * off the main thread (decode-pool.ts), and handed to the sink in arrival order. A frame that
 * does not decode is counted and logged, and the stream goes on.
 */
export interface AgentStreamOptions {
  /** Where Hubble should resume from after a restart of Holocron (µs), if anything is stored. */
  initialSinceUs?: () => Promise<number | null>;
  log?: (msg: string) => void;
  backoff?: Backoff;
  decoder?: DecodePool;
  /** Set for an address found behind a `+dns` name. */
  discovery?: AgentDiscovery;
  /** The status of the same address before it vanished: its counters and gaps carry on. */
  previous?: AgentStatus;
}

/**
 * Frames per decode batch, and frames in decoding before the socket stops being read: eight full
 * batches keep the decoder busy, and more only hold memory (decoded, each frame is a record of
 * ~4.5 KB waiting for the batcher, which is paused on its own high-water mark by then).
 */
const DECODE_BATCH = 256;
const MAX_DECODING = 2048;
/**
 * Batches of one stream in the decoder at once. Past that, frames gather into the next batch
 * until it is full or one comes back: under load batches grow towards DECODE_BATCH instead of
 * being as small as a socket read (~14 frames a batch in a mixed ingest, each paying two
 * messages between threads and a chunk of its own); when the decoder is idle a frame still goes
 * at once.
 */
const MAX_BATCHES_IN_DECODER = 2;

export class AgentStream {
  readonly status: AgentStatus;
  /** What the agent reports about itself (health, policies, server status, nodes). */
  readonly self: SelfInfoPoller;
  private readonly client: grpc.Client;
  private call: grpc.ClientReadableStream<Buffer> | null = null;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private sinceUs: number | null = null;
  private readonly backoff: Backoff;
  private readonly log: (msg: string) => void;
  private lastLogUs = 0;
  private readonly decoder: DecodePool;
  private frames: Buffer[] = [];
  private flushQueued = false;
  private decoding = 0;
  private batchesInDecoder = 0;
  private congested = false; // the batcher asked to pause
  private paused = false; // the current call is paused

  constructor(
    readonly endpoint: AgentEndpoint,
    private readonly sink: IngestSink,
    private readonly opts: AgentStreamOptions = {},
  ) {
    this.status = opts.previous ? { ...opts.previous, state: 'connecting' } : newAgentStatus(endpoint.label, endpoint.kind);
    if (opts.discovery) this.status.discovery = opts.discovery;
    this.client = createAgentClient(endpoint);
    this.self = new SelfInfoPoller(this.client, endpoint.kind);
    this.backoff = opts.backoff ?? new Backoff({ initialMs: 250, maxMs: 15_000 });
    this.log = opts.log ?? ((m) => console.warn(`[ingest] ${m}`));
    this.decoder = opts.decoder ?? decodePool();
  }

  async start(): Promise<void> {
    if (this.endpoint.kind === 'hubble' && this.opts.initialSinceUs) this.sinceUs = await this.opts.initialSinceUs();
    this.connect();
    // Asked from the start, not only once events flow: an idle agent still says how it is.
    this.self.start();
  }

  stop(): void {
    this.stopped = true;
    this.self.pause();
    if (this.timer) clearTimeout(this.timer);
    this.call?.cancel();
    this.client.close();
    this.status.state = 'stopped';
  }

  /** A discovered address that vanished: closed, and shown as a gap that stays open. */
  retire(reason: string): void {
    this.stop();
    this.status.state = 'gone';
    this.status.lastError = reason;
    recordGapStart(this.status);
  }

  /** Backpressure from the batcher: stop reading from the socket until it drains. */
  pause(): void {
    this.congested = true;
    this.applyPause();
  }

  resume(): void {
    this.congested = false;
    this.applyPause();
  }

  /** Paused while the batcher is congested or too many frames wait for the decoder. */
  private applyPause(): void {
    const want = this.congested || this.decoding > MAX_DECODING;
    if (!this.call || want === this.paused) return;
    this.paused = want;
    if (want) this.call.pause();
    else this.call.resume();
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
    const resuming = this.endpoint.kind === 'hubble' && this.sinceUs !== null;
    const call = this.client.makeServerStreamRequest<Record<string, unknown>, Buffer>(
      path,
      (req) => Buffer.from(type.encode(req).finish()),
      identity,
      body,
    );
    this.call = call;
    this.paused = false;
    this.applyPause();
    let live = false;
    const markLive = () => {
      if (live) return;
      live = true;
      this.status.state = 'connected';
      this.status.connectedSinceUs = nowUs();
      this.status.lastError = null;
      this.backoff.reset();
      closeGap(this.status, resuming);
      void this.self.refresh(); // fresh answers after each (re)connect
    };
    call.on('metadata', (md: grpc.Metadata) => {
      const node = md.get(NODE_NAME_HEADER)[0];
      if (typeof node === 'string' && node) this.status.node = node.slice(0, 253);
      markLive();
    });
    call.on('data', (frame: Buffer) => {
      markLive();
      this.onFrame(frame);
    });
    call.on('error', (err: grpc.ServiceError) => this.onDisconnect(call, err.details || err.message));
    call.on('end', () => this.onDisconnect(call, 'stream ended by the agent'));
  }

  private onFrame(frame: Buffer): void {
    this.status.lastMessageUs = nowUs();
    this.frames.push(frame);
    if (this.frames.length >= DECODE_BATCH) this.decodeFrames();
    else if (!this.flushQueued) {
      this.flushQueued = true;
      setImmediate(() => this.decodeFrames());
    }
  }

  private decodeFrames(): void {
    this.flushQueued = false;
    if (this.frames.length === 0) return;
    if (this.batchesInDecoder >= MAX_BATCHES_IN_DECODER && this.frames.length < DECODE_BATCH) return; // sent when one comes back
    const frames = this.frames;
    this.frames = [];
    this.decoding += frames.length;
    this.batchesInDecoder++;
    this.applyPause();
    this.decoder
      .decode({ kind: this.endpoint.kind, endpoint: this.endpoint.label, frames })
      .then(
        (r) => this.apply(r),
        (e: Error) => this.logThrottled(`${this.endpoint.label}: a batch of ${frames.length} frames failed to decode: ${e.message}`),
      )
      .finally(() => {
        this.decoding -= frames.length;
        this.batchesInDecoder--;
        this.applyPause();
        this.decodeFrames();
      });
  }

  /** A decoded batch, in arrival order: into the sink, and into this stream's status. */
  private apply(r: DecodedBatch): void {
    if (this.stopped) return; // shutting down: like the bytes still in the socket
    const s = this.status;
    s.received += r.received;
    s.malformed += r.malformed;
    s.undecoded += r.undecoded;
    s.upstreamLost += r.upstreamLost;
    if (r.stringsCut) countStringsCut(r.stringsCut);
    for (const a of r.actions) {
      if (a.t === 'flow') this.sink.acceptFlow(a.rec);
      else if (a.t === 'event') {
        // A node's agent (or relay) without the header: its events name the node.
        if (s.node === null && this.endpoint.kind === 'tetragon' && a.rec.summary.node) s.node = a.rec.summary.node;
        this.sink.acceptEvent(a.rec);
      }
      else this.sink.lost(a.notice);
    }
    for (const e of r.errors) this.logThrottled(`${this.endpoint.label}: ${e}`);
    if (r.lastTimeUs !== null) {
      s.lastEventTimeUs = r.lastTimeUs;
      if (this.endpoint.kind === 'hubble') this.sinceUs = r.lastTimeUs;
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

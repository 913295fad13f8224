import * as grpc from '@grpc/grpc-js';
import { Backoff } from '@/lib/server/ingest/backoff';
import { identity } from '@/lib/server/ingest/grpc-client';
import { NODE_NAME_HEADER } from '@/lib/wire/node-name-header';
import { TETRAGON_GET_EVENTS } from '@/lib/wire/wire-root';
import { lostNotice } from '../agent-bus';
import { BoundedWriter } from '../bounded-writer';

/**
 * One downstream GetEvents call, relayed to the node's Tetragon as one upstream call with the
 * very request bytes the server sent (its allow/deny lists apply upstream, unknown fields
 * included) and the response frames passed on as bytes, never decoded: nothing the relay does
 * not know is lost.
 *
 * Until the upstream answers, the downstream call waits (no headers yet) while the relay retries
 * with backoff. Once it has answered, losing it ends the downstream call with UNAVAILABLE, so the
 * server records a gap for exactly the time the node was unheard (Tetragon cannot replay), then
 * reconnects and waits here again. Errors about the request itself are passed back unchanged.
 */
export interface RelayContext {
  upstream: grpc.Client;
  upstreamLabel: string;
  nodeName: string | null;
  maxQueued: number;
  log: (msg: string) => void;
}

/** Codes that retrying will not fix: the server must hear them as Tetragon said them. */
const FINAL_CODES = new Set([
  grpc.status.INVALID_ARGUMENT,
  grpc.status.UNIMPLEMENTED,
  grpc.status.UNAUTHENTICATED,
  grpc.status.PERMISSION_DENIED,
  grpc.status.FAILED_PRECONDITION,
]);

/** Without headers or a frame from upstream, a READY channel this long after the call counts as answered. */
const READY_PROBE_MS = 300;

export function relayEvents(call: grpc.ServerWritableStream<Buffer, Buffer>, ctx: RelayContext): void {
  const backoff = new Backoff({ initialMs: 250, maxMs: 15_000 });
  const writer = new BoundedWriter(call as grpc.ServerWritableStream<unknown, Buffer>, ctx.maxQueued, (n) =>
    lostNotice('tetragon', n, ctx.nodeName ?? undefined),
  );
  let upstream: grpc.ClientReadableStream<Buffer> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let live = false;
  let done = false;
  let lastLogMs = 0;

  const finish = () => {
    if (done) return;
    done = true;
    if (timer) clearTimeout(timer);
    writer.close();
    upstream?.cancel();
  };
  call.on('cancelled', finish);
  call.on('close', finish);
  call.on('error', finish);

  // grpc-js sends a server stream's status from its 'error' event, after what is already queued
  // (destroy() would discard both).
  const fail = (code: grpc.status, details: string) => {
    finish();
    call.emit('error', Object.assign(new Error(details), { code, details }));
  };

  const goLive = (headers: grpc.Metadata | null) => {
    if (live || done) return;
    live = true;
    backoff.reset();
    const md = new grpc.Metadata();
    const node = ctx.nodeName ?? headers?.get(NODE_NAME_HEADER)[0];
    if (typeof node === 'string' && node) md.set(NODE_NAME_HEADER, node);
    call.sendMetadata(md);
    ctx.log(`${ctx.upstreamLabel}: relaying GetEvents to ${call.getPeer()}`);
  };

  const lost = (up: grpc.ClientReadableStream<Buffer>, code: grpc.status, details: string) => {
    if (done || upstream !== up) return;
    upstream = null;
    if (FINAL_CODES.has(code)) return fail(code, `tetragon at ${ctx.upstreamLabel}: ${details}`);
    if (live) return fail(grpc.status.UNAVAILABLE, `tetragon at ${ctx.upstreamLabel} went away (${details}); events until it is back are lost`);
    const delay = backoff.next();
    if (Date.now() - lastLogMs > 5000) {
      lastLogMs = Date.now();
      ctx.log(`${ctx.upstreamLabel}: ${details}; retrying in ${delay} ms`);
    }
    timer = setTimeout(attempt, delay);
  };

  function attempt(): void {
    if (done) return;
    const up = ctx.upstream.makeServerStreamRequest<Buffer, Buffer>(TETRAGON_GET_EVENTS, identity, identity, call.request);
    upstream = up;
    up.on('metadata', (md: grpc.Metadata) => goLive(md));
    up.on('data', (frame: Buffer) => {
      goLive(null);
      writer.write(frame);
    });
    up.on('error', (err: grpc.ServiceError) => lost(up, err.code, err.details || err.message));
    up.on('end', () => lost(up, grpc.status.UNAVAILABLE, 'stream ended'));
    // Tetragon (grpc-go) may send its headers only with the first event: a quiet node is still live.
    const probe = setTimeout(() => {
      if (upstream === up && ctx.upstream.getChannel().getConnectivityState(false) === grpc.connectivityState.READY) goLive(null);
    }, READY_PROBE_MS);
    up.on('close', () => clearTimeout(probe));
  }

  attempt();
}

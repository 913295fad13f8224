import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioRecords } from '@/test/fixtures/scenario-records';
import { ensureHub, type Hub } from '@/lib/server/hub';
import * as flowsRoute from '@/app/api/flows/route';
import * as neighborsRoute from '@/app/api/flows/[uuid]/neighbors/route';
import * as importRoute from '@/app/api/import/route';
import * as treeRoute from '@/app/api/pods/[namespace]/[pod]/tree/route';
import { apiFetch, apiFetchText, parseAnswer } from './api-fetch';

/**
 * The browser's fetch helper against the real route handlers (app/api), served by a real HTTP
 * server on a free port and fetched with the runtime's own fetch: typed data on success, and each
 * kind of failure — a bad parameter, a missing item, the auth guard, an answer that is not JSON,
 * no server at all — as one ApiError.
 */
type Handler = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

const ROUTES: { method: string; pattern: RegExp; handler: Handler }[] = [
  { method: 'GET', pattern: /^\/api\/flows$/, handler: flowsRoute.GET as Handler },
  { method: 'GET', pattern: /^\/api\/flows\/(?<uuid>[^/]+)\/neighbors$/, handler: neighborsRoute.GET as Handler },
  { method: 'POST', pattern: /^\/api\/import$/, handler: importRoute.POST as Handler },
  { method: 'GET', pattern: /^\/api\/pods\/(?<namespace>[^/]+)\/(?<pod>[^/]+)\/tree$/, handler: treeRoute.GET as Handler },
];

async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname === '/api/health') {
    // What a reverse proxy in front of the server answers when it is down: HTML, not our JSON.
    res.writeHead(502, { 'content-type': 'text/html' }).end('<html><body>Bad Gateway</body></html>');
    return;
  }
  const route = ROUTES.find((r) => r.method === req.method && r.pattern.test(url.pathname));
  if (!route) {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
  const request = new Request(url, { method: req.method, headers, body: req.method === 'GET' ? undefined : Buffer.concat(chunks) });
  const answer = await route.handler(request, { params: Promise.resolve({ ...route.pattern.exec(url.pathname)!.groups }) });
  seen.push({ method: req.method ?? '', path: `${url.pathname}${url.search}`, contentType: headers.get('content-type') });
  exchanges.push({ accept: headers.get('accept'), answered: answer.headers.get('content-type') });
  res.writeHead(answer.status, Object.fromEntries(answer.headers));
  res.end(Buffer.from(await answer.arrayBuffer()));
}

const seen: { method: string; path: string; contentType: string | null }[] = [];
/** What each request asked for in Accept and what content type it was answered with. */
const exchanges: { accept: string | null; answered: string | null }[] = [];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-api-fetch-'));
let server: http.Server;
let origin = '';
let hub: Hub;
let flowId = '';

beforeAll(async () => {
  process.env.HOLOCRON_DB = path.join(dir, 'api.db');
  process.env.HOLOCRON_AGENTS = '';
  hub = await ensureHub();
  const { flows, events } = scenarioRecords();
  await hub.store.insert(flows.slice(0, 20), events);
  flowId = flows[3]!.summary.id;
  server = http.createServer((req, res) => {
    serve(req, res).catch((e: Error) => res.writeHead(500).end(e.message));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await hub?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('apiFetch', () => {
  it('asks for a gzip body when told to, and unpacks it to the same answer', async () => {
    const pod = scenarioRecords().events.find((e) => e.summary.kind === 'process_exec' && e.summary.pod)!.summary;
    const opts = { params: { namespace: pod.namespace, pod: pod.pod }, origin };
    const plain = await apiFetch('GET /api/pods/[namespace]/[pod]/tree', opts);
    expect(exchanges.at(-1)!.answered).toMatch(/^application\/json/);
    const packed = await apiFetch('GET /api/pods/[namespace]/[pod]/tree', { ...opts, gzipBody: true });
    // It asked for the packed body and got it, not plain JSON that happens to be equal.
    expect(exchanges.at(-1)!.accept).toMatch(/application\/gzip/);
    expect(exchanges.at(-1)!.answered).toBe('application/gzip');
    if (!plain.ok || !packed.ok) throw new Error('tree request failed');
    expect(plain.data.execs.length).toBeGreaterThan(0);
    expect(packed.data).toEqual(plain.data);
  });

  it('answers typed data from a route handler', async () => {
    const res = await apiFetch('GET /api/flows', { query: { limit: '5', fields: 'summary' }, origin });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.data.items).toHaveLength(5);
    expect(res.data.items.every((f) => typeof f.id === 'string' && typeof f.ts === 'number' && f.event === undefined)).toBe(true);
    expect(typeof res.data.next).toBe('string');
  });

  it('fills path parameters, URI-encoded', async () => {
    const res = await apiFetch('GET /api/flows/[uuid]/neighbors', { params: { uuid: flowId }, query: { limit: '1' }, origin });
    expect(res.ok && res.data.flow.id).toBe(flowId);
    await apiFetch('GET /api/flows/[uuid]/neighbors', { params: { uuid: 'a/b c' }, origin });
    expect(seen.at(-1)?.path).toBe('/api/flows/a%2Fb%20c/neighbors');
  });

  it('maps a bad parameter to status, message and the parameter the server named', async () => {
    const res = await apiFetch('GET /api/flows/[uuid]/neighbors', { params: { uuid: flowId }, query: { limit: 'many' }, origin });
    expect(res).toEqual({ ok: false, error: { status: 400, message: 'limit: must be a whole number from 1 to 100', parameter: 'limit' } });
    const fields = await apiFetch('GET /api/flows', { query: { fields: 'everything' }, origin });
    expect(fields.ok || fields.error).toEqual({ status: 400, message: 'fields: must be all or summary', parameter: 'fields' });
  });

  it('maps an error without a parameter to status and message alone', async () => {
    const res = await apiFetch('GET /api/flows/[uuid]/neighbors', { params: { uuid: 'f0000000-0000-4000-8000-000000000000' }, origin });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.status).toBe(404);
    expect(res.error.message).toMatch(/^no flow with uuid f0000000-0000-4000-8000-000000000000 is stored/);
    expect('parameter' in res.error).toBe(false);
  });

  it('posts NDJSON with its content type, and maps the auth guard refusal', async () => {
    const res = await apiFetch('POST /api/import', { body: { text: '{}\n', type: 'application/x-ndjson' }, origin });
    expect(seen.at(-1)).toEqual({ method: 'POST', path: '/api/import', contentType: 'application/x-ndjson' });
    expect(res.ok || res.error).toEqual({ status: 401, message: 'authentication required: log in, or send Authorization: Bearer <token>' });
  });

  it('refuses a body on a GET and a POST without one, before sending anything', async () => {
    const before = seen.length;
    // Type errors too; checked at run time for callers that get around the types.
    // @ts-expect-error a GET has no body
    await expect(apiFetch('GET /api/flows', { body: { text: '{}', type: 'application/json' }, origin })).rejects.toThrow(/a GET has no body/);
    // @ts-expect-error a POST needs one
    await expect(apiFetch('POST /api/import', { origin })).rejects.toThrow(/a POST needs a body/);
    expect(seen.length).toBe(before);
  });

  it('says the status when the answer is not our JSON (a proxy page)', async () => {
    // The test server answers /api/health as a proxy in front of a stopped server would.
    const res = await apiFetch('GET /api/health', { origin });
    expect(res).toEqual({ ok: false, error: { status: 502, message: 'HTTP 502' } });
  });

  it('gives status 0 when no server answers, and when the request was aborted', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const deadOrigin = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((r) => closed.close(r));
    const gone = await apiFetch('GET /api/flows', { origin: deadOrigin });
    expect(gone.ok || gone.error.status).toBe(0);
    expect(gone.ok || gone.error.message).toBeTruthy();

    const abort = new AbortController();
    abort.abort();
    const aborted = await apiFetch('GET /api/flows', { origin, signal: abort.signal });
    expect(aborted.ok || aborted.error.status).toBe(0);
  });

  it('keeps the text unparsed for callers that compare answers, and parses it on demand', async () => {
    const text = await apiFetchText('GET /api/flows', { query: { limit: '2' }, origin });
    expect(text.ok).toBe(true);
    if (!text.ok) return;
    const parsed = parseAnswer(text.data);
    expect(parsed.ok && parsed.data.items.map((f) => f.id)).toHaveLength(2);
    expect(parseAnswer('<html>')).toEqual({ ok: false, error: { status: 200, message: "the server's answer is not JSON (<html>)" } });
  });
});

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, screenshot } from './support/browser';
import { freePort, getJson, startHolocron, waitFor, type RunningHolocron } from './support/holocron-server';

/**
 * Stand-in for oauth2-proxy (a Go binary not packaged for this machine): after its own sign-in it
 * forwards every request upstream with the user's identity in X-Forwarded-User and
 * X-Forwarded-Email, the Host header passed through (oauth2-proxy's --pass-host-header default),
 * connecting from 127.0.0.1 — the one address Holocron is told to trust.
 */
function startAuthProxy(upstreamPort: number, port: number, user: { name: string; email: string }): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const headers = { ...req.headers, 'x-forwarded-user': user.name, 'x-forwarded-email': user.email, 'x-forwarded-for': '198.51.100.7' };
    const upstream = http.request({ host: '127.0.0.1', port: upstreamPort, localAddress: '127.0.0.1', method: req.method, path: req.url, headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

/** A request from another loopback address (127.0.0.2): a client Holocron does not trust. */
function fromUntrusted(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { localAddress: '127.0.0.2', headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

interface AuditLine {
  action: string;
  user: string | null;
  via: string;
  client: string | null;
  detail?: Record<string, unknown>;
}

describe('behind an authenticating proxy (oauth2-proxy headers, trusted peers only)', () => {
  let holocron: RunningHolocron;
  let proxy: http.Server;
  let proxyUrl: string;
  let browser: Browser;
  const auditLines = (): AuditLine[] =>
    fs.existsSync(path.join(holocron.dataDir, 'audit.log'))
      ? fs.readFileSync(path.join(holocron.dataDir, 'audit.log'), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as AuditLine)
      : [];

  beforeAll(async () => {
    holocron = await startHolocron({
      agentArgs: ['--source', 'scenario:death-star', '--rate', '3000'],
      env: { HOLOCRON_AUTH_PROXY: '1', HOLOCRON_TRUSTED_PROXIES: '127.0.0.1' },
    });
    await waitFor('events', async () => (await getJson<{ store: { events: number } }>(`${holocron.url}/api/health`)).store.events > 200);
    const port = await freePort();
    proxy = await startAuthProxy(Number(new URL(holocron.url).port), port, { name: 'leia', email: 'leia@alderaan.example' });
    proxyUrl = `http://127.0.0.1:${port}`;
    browser = await launchChromium({ anonymous: true }); // no token: the proxy is the only way in
  });

  afterAll(async () => {
    await browser?.close();
    proxy?.close();
    await holocron?.stop();
  });

  it('lets the proxy’s user in without the token, shows who it is, and audits the login once', async () => {
    const page = await browser.newPage();
    await page.goto(`${proxyUrl}/`);
    await page.getByTestId('agents-panel').getByText('connected').first().waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).pathname).toBe('/');
    const who = page.getByTestId('signed-in-user');
    expect(await who.textContent()).toBe('leia');
    expect(await who.getAttribute('title')).toBe('leia@alderaan.example (from the authenticating proxy)');
    await screenshot(page, 'auth-proxy-overview');
    await page.goto(`${proxyUrl}/processes`);
    await page.getByTestId('event-row').first().waitFor({ timeout: 20_000 });
    const logins = auditLines().filter((l) => l.action === 'login');
    expect(logins).toEqual([{ time: expect.any(String), action: 'login', user: 'leia', email: 'leia@alderaan.example', via: 'auth-proxy', client: '198.51.100.7' }]);
    await page.close();
  });

  it('audits exports and imports with the user', async () => {
    const page = await browser.newPage();
    await page.goto(`${proxyUrl}/processes?q=${encodeURIComponent('pod=default/')}`);
    await page.getByTestId('event-row').first().waitFor({ timeout: 20_000 });
    const href = await page.getByTestId('export-ndjson').getAttribute('href');
    const exported = await page.request.get(`${proxyUrl}${href}`);
    expect(exported.status()).toBe(200);
    const lines = (await exported.text()).trim().split('\n');
    expect(lines.length).toBeGreaterThan(10);
    const imported = await page.request.post(`${proxyUrl}/api/import`, { data: lines.slice(0, 5).join('\n'), headers: { 'content-type': 'application/x-ndjson', origin: proxyUrl } });
    expect(imported.status()).toBe(200);
    const audit = auditLines();
    const exportLine = audit.find((l) => l.action === 'export');
    expect(exportLine).toMatchObject({ user: 'leia', via: 'auth-proxy', client: '198.51.100.7', detail: { source: 'events', format: 'ndjson', q: 'pod=default/' } });
    expect(audit.find((l) => l.action === 'import')).toMatchObject({ user: 'leia', via: 'auth-proxy', detail: { events: { added: 0, duplicates: 5 } } });
    await page.close();
  });

  it('believes the identity headers from the trusted proxy only', async () => {
    // The same headers straight from an untrusted address: not signed in.
    expect(await fromUntrusted(`${holocron.url}/api/health`, { 'x-forwarded-user': 'vader', 'x-auth-request-email': 'vader@empire.example' })).toBe(401);
    // A token login is audited too (no user name: the token names no one).
    const res = await fetch(`${holocron.url}/api/login`, {
      method: 'POST',
      body: new URLSearchParams({ token: holocron.token, next: '/' }),
      redirect: 'manual',
      headers: { authorization: '' },
    });
    expect(res.status).toBe(303);
    expect(auditLines().find((l) => l.action === 'login' && l.via === 'token-form')).toMatchObject({ user: null });
    expect(auditLines().some((l) => l.user === 'vader')).toBe(false);
  });
});

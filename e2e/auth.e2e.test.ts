import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium, screenshot } from './support/browser';
import { rawFetch } from './support/e2e-token';
import { startHolocron, waitFor, getJson, type RunningHolocron } from './support/holocron-server';

// Auth is on by default with no default password: without the token nothing answers, and
// nothing about the cluster leaks.
const PAGES = ['/', '/flows', '/map', '/processes', '/alerts', '/flows/5f0d7c4e', '/events/abc', '/pods/default/tiefighter'];
const APIS: [string, string][] = [
  ['GET', '/api/flows'],
  ['GET', '/api/events'],
  ['GET', '/api/flows/x'],
  ['GET', '/api/events/x'],
  ['GET', '/api/health'],
  ['GET', '/api/export?source=events'],
  ['GET', '/api/stream'],
  ['GET', '/api/map'],
  ['GET', '/api/alerts'],
  ['POST', '/api/import'],
];

describe('authentication and security headers', () => {
  let holocron: RunningHolocron;
  let browser: Browser;

  beforeAll(async () => {
    holocron = await startHolocron({ agentArgs: ['--source', 'scenario:death-star', '--rate', '4000'] });
    await waitFor('data', async () => (await getJson<{ store: { events: number } }>(`${holocron.url}/api/health`)).store.events > 100);
    browser = await launchChromium({ anonymous: true });
  });

  afterAll(async () => {
    await browser?.close();
    await holocron?.stop();
  });

  it.each(APIS)('%s %s answers 401 without credentials and leaks nothing', async (method, path) => {
    const res = await rawFetch(`${holocron.url}${path}`, { method, redirect: 'manual', body: method === 'POST' ? '{}' : undefined });
    expect(res.status).toBe(401);
    const body = await res.text();
    expect(body).not.toMatch(/tiefighter|deathstar|kind-worker/);
  });

  it.each(PAGES)('page %s redirects to the login page without a session', async (path) => {
    const res = await rawFetch(`${holocron.url}${path}`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent(path)}`);
    // The body may echo the requested path; it must hold nothing the store knows.
    expect(await res.text()).not.toMatch(/kind-worker|empire|deathstar-|\/usr\/bin/);
  });

  it('refuses a wrong token, in the header and in a forged cookie', async () => {
    expect((await rawFetch(`${holocron.url}/api/health`, { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    const forged = `holocron_session=${Date.now()}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`;
    expect((await rawFetch(`${holocron.url}/api/health`, { headers: { cookie: forged } })).status).toBe(401);
    expect((await rawFetch(`${holocron.url}/api/health`, { headers: { authorization: `Bearer ${holocron.token}` } })).status).toBe(200);
  });

  it('logs in through the form with an HttpOnly, SameSite=Strict cookie, and logs out', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${holocron.url}/flows?q=verdict%3DDROPPED`);
    await expect(page.url()).toContain('/login?next=');
    await page.getByLabel('Access token').fill('wrong');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('alert').getByText('not valid').waitFor();
    await page.getByLabel('Access token').fill(holocron.token);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/flows\?q=verdict%3DDROPPED$/);
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: 'holocron_session', httpOnly: true, sameSite: 'Strict' });
    expect(cookie!.value).not.toContain(holocron.token);
    await screenshot(page, 'after-login');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(/\/login$/);
    expect((await page.goto(`${holocron.url}/api/health`))!.status()).toBe(401);
    await context.close();
  });

  it('opens a session from the printed login URL', async () => {
    const res = await rawFetch(`${holocron.url}/api/login?token=${holocron.token}&next=/processes`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/processes');
    const session = res.headers.get('set-cookie')!.split(';')[0]!;
    expect((await rawFetch(`${holocron.url}/api/health`, { headers: { cookie: session } })).status).toBe(200);
    const open = await rawFetch(`${holocron.url}/api/login?token=${holocron.token}&next=//evil.example`, { redirect: 'manual' });
    expect(open.headers.get('location')).toBe('/');
  });

  it('sends a strict CSP with a per-request nonce, and the other security headers', async () => {
    const res = await fetch(`${holocron.url}/`);
    const csp = res.headers.get('content-security-policy')!;
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    expect(csp).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    const again = (await fetch(`${holocron.url}/`)).headers.get('content-security-policy')!;
    expect(again).not.toContain(nonce);
  });

  it('rate-limits failed logins', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await rawFetch(`${holocron.url}/api/login?token=guess${i}`, { redirect: 'manual', headers: { 'x-forwarded-for': '203.0.113.9' } });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 303)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });
});

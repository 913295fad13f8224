import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig } from '../config/config';
import { audit, auditTarget } from './audit-log';
import { routeLabel } from './metrics';
import { isDraining, requestsInFlight, startDraining, trackRequests, whenNoRequests } from './lifecycle';
import { checkBuiltBasePath } from './built-base-path';

describe('operations plumbing', () => {
  afterEach(() => vi.restoreAllMocks());

  it('labels API latency per route, not per id, under any base path', () => {
    expect(routeLabel('/api/flows/5f0d7c4e/neighbors')).toBe('/api/flows');
    expect(routeLabel('/holocron/api/events/abc')).toBe('/api/events');
    expect(routeLabel('/api/health')).toBe('/api/health');
    expect(routeLabel('/flows')).toBe('other');
  });

  it('HOLOCRON_METRICS_PORT is a port of its own', () => {
    expect(loadConfig({ HOLOCRON_METRICS_PORT: '9464' }).metricsPort).toBe(9464);
    expect(loadConfig({}).metricsPort).toBeNull();
    for (const [value, reason] of [
      ['http', /not a TCP port/],
      ['3000', /the web port/],
    ] as const) {
      const error = (() => {
        try {
          loadConfig({ HOLOCRON_METRICS_PORT: value });
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).variable).toBe('HOLOCRON_METRICS_PORT');
      expect((error as Error).message).toMatch(reason);
    }
  });

  it('HOLOCRON_AUTH_PROXY needs the proxy\'s address in HOLOCRON_TRUSTED_PROXIES', () => {
    expect(loadConfig({}).authProxy).toBe(false);
    expect(loadConfig({ HOLOCRON_AUTH_PROXY: '1', HOLOCRON_TRUSTED_PROXIES: '10.0.0.0/8' }).authProxy).toBe(true);
    for (const [env, reason] of [
      [{ HOLOCRON_AUTH_PROXY: '1' }, /needs HOLOCRON_TRUSTED_PROXIES/],
      [{ HOLOCRON_AUTH_PROXY: 'yes', HOLOCRON_TRUSTED_PROXIES: '10.0.0.1' }, /not 1 or 0/],
    ] as const) {
      expect(() => loadConfig(env)).toThrow(reason);
      expect(() => loadConfig(env)).toThrow(ConfigError);
    }
  });

  it('counts HTTP requests in flight until their responses are written, and drains', async () => {
    trackRequests();
    let release: () => void = () => {};
    const server = http.createServer((req, res) => {
      if (req.url === '/slow') release = () => res.end('done');
      else res.end('fast');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as import('node:net').AddressInfo;
    try {
      await (await fetch(`http://127.0.0.1:${port}/fast`)).text();
      expect(requestsInFlight()).toBe(0);
      const slow = fetch(`http://127.0.0.1:${port}/slow`).then((r) => r.text());
      await vi.waitFor(() => expect(requestsInFlight()).toBe(1));
      expect(await whenNoRequests(50)).toBe(false); // still running: the wait gives up
      const idle = whenNoRequests(5000);
      release();
      expect(await slow).toBe('done');
      expect(await idle).toBe(true);
      expect(isDraining()).toBe(false);
      startDraining();
      expect(isDraining()).toBe(true);
    } finally {
      server.close();
    }
  });

  it('writes the audit log as JSON lines beside the SQLite file, or to stdout with a shared store', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-audit-'));
    expect(auditTarget({ HOLOCRON_DB: path.join(dir, 'h.db') })).toBe(path.join(dir, 'audit.log'));
    expect(auditTarget({ HOLOCRON_STORE: 'clickhouse://ch:8123/holocron' })).toBe('-');
    expect(auditTarget({ HOLOCRON_AUDIT_LOG: '/var/log/holocron-audit.log', HOLOCRON_STORE: 'clickhouse://ch:8123/h' })).toBe('/var/log/holocron-audit.log');
    const target = path.join(dir, 'audit.log');
    (globalThis as Record<symbol, unknown>)[Symbol.for('holocron.auditSink')] = { target };
    audit({ action: 'export', user: 'leia', via: 'auth-proxy', client: '10.0.0.1', detail: { source: 'events' } }, new Date('2026-12-07T08:00:00Z'));
    audit({ action: 'login', user: null, via: 'token-form', client: '10.0.0.2' }, new Date('2026-12-07T08:00:01Z'));
    const lines = fs.readFileSync(target, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { time: '2026-12-07T08:00:00.000Z', action: 'export', user: 'leia', via: 'auth-proxy', client: '10.0.0.1', detail: { source: 'events' } },
      { time: '2026-12-07T08:00:01.000Z', action: 'login', user: null, via: 'token-form', client: '10.0.0.2' },
    ]);
    expect(fs.statSync(target).mode & 0o777).toBe(0o600);
    delete (globalThis as Record<symbol, unknown>)[Symbol.for('holocron.auditSink')];
  });

  it('stops a server whose build serves another base path', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-dist-'));
    fs.writeFileSync(path.join(dir, 'routes-manifest.json'), JSON.stringify({ basePath: '/holocron' }));
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    checkBuiltBasePath({ HOLOCRON_BASE_PATH: '/holocron/' }, dir);
    expect(exit).not.toHaveBeenCalled();
    checkBuiltBasePath({}, dir);
    expect(exit).toHaveBeenCalledWith(1);
    expect(error.mock.calls[0]![0]).toMatch(/HOLOCRON_BASE_PATH: the build serves under "\/holocron" but HOLOCRON_BASE_PATH is "\/"/);
  });
});

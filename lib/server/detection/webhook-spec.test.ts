import { describe, expect, it } from 'vitest';
import { parseWebhookSpec } from './webhook-spec';

describe('HOLOCRON_ALERT_WEBHOOKS entries', () => {
  it('defaults to every alert as JSON, 5 attempts, 5 s timeout', () => {
    expect(parseWebhookSpec('https://hooks.example/x/secret-token')).toEqual({
      url: 'https://hooks.example/x/secret-token',
      label: 'https://hooks.example/…',
      minPriority: 'DEBUG',
      format: 'json',
      timeoutMs: 5000,
      attempts: 5,
      authorization: null,
    });
  });

  it('reads options from the fragment, which is never sent', () => {
    const spec = parseWebhookSpec('http://127.0.0.1:9000/hook#min=warning&format=slack&timeout=1500ms&attempts=3');
    expect(spec).toMatchObject({ url: 'http://127.0.0.1:9000/hook', minPriority: 'WARNING', format: 'slack', timeoutMs: 1500, attempts: 3 });
    expect(parseWebhookSpec('https://h.example/#min=INFO').minPriority).toBe('INFORMATIONAL');
  });

  it('turns URL credentials into Basic auth and strips them from the URL', () => {
    const spec = parseWebhookSpec('https://bot:p%40ss@siem.example/ingest');
    expect(spec.url).toBe('https://siem.example/ingest');
    expect(spec.authorization).toBe(`Basic ${Buffer.from('bot:p@ss').toString('base64')}`);
  });

  it('names the webhook (without its secret path) and the bad option', () => {
    expect(() => parseWebhookSpec('https://hooks.example/T0/B0/xyz#min=loud')).toThrow(
      'https://hooks.example/…: option min="loud": expected emergency, alert, critical, error, warning, notice, informational, debug',
    );
    expect(() => parseWebhookSpec('https://hooks.example/#format=xml')).toThrow(/option format="xml": expected json or slack/);
    expect(() => parseWebhookSpec('https://hooks.example/#timeout=2m')).toThrow(/from 100ms to 60s/);
    expect(() => parseWebhookSpec('https://hooks.example/#attempts=0')).toThrow(/from 1 to 10/);
    expect(() => parseWebhookSpec('https://hooks.example/#retry=5')).toThrow(/unknown option "retry" \(options: min, format, timeout, attempts\)/);
    expect(() => parseWebhookSpec('ftp://files.example/x')).toThrow(/must be an http\(s\) URL/);
    expect(() => parseWebhookSpec('not a url')).toThrow(/is not a URL/);
  });
});

describe('HOLOCRON_ALERT_WEBHOOKS in the configuration', () => {
  it('stops the server with the variable name on a bad entry', async () => {
    const { loadConfig } = await import('../config/config');
    const env = { HOLOCRON_ALERT_WEBHOOKS: 'https://a.example/x#format=slack, https://b.example/y#min=urgent' } as unknown as NodeJS.ProcessEnv;
    expect(() => loadConfig(env)).toThrow(/^HOLOCRON_ALERT_WEBHOOKS: https:\/\/b\.example\/…: option min="urgent"/);
    const ok = { HOLOCRON_ALERT_WEBHOOKS: 'https://a.example/x#format=slack, https://b.example/y' } as unknown as NodeJS.ProcessEnv;
    expect(loadConfig(ok).alertWebhooks).toEqual(['https://a.example/x#format=slack', 'https://b.example/y']);
  });
});

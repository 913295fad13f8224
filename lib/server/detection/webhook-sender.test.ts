import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AlertSummary, FalcoAlertJson } from '@/lib/domain/alerts/alert-types';
import type { Priority } from '@/lib/domain/rules';
import { WebhookSender } from './webhook-sender';
import { parseWebhookSpec } from './webhook-spec';

const alert = (id: string, priority: Priority = 'WARNING'): AlertSummary => ({
  id, rule: 'Read sensitive file', priority, time: '2026-11-22T09:14:06Z', ts: 1, node: 'kind-worker', namespace: 'default',
  pod: 'tiefighter', execId: 'x', eventId: 'e', message: 'm', tags: [], count: 1, firstSeenUs: 1, lastSeenUs: 1, lastEventId: 'e', lastExecId: 'x',
});
const falco = { rule: 'Read sensitive file' } as FalcoAlertJson;

/** A fetch that answers each call with the next status (or hangs / throws), recording when it was called. */
function scriptedFetch(script: (number | 'hang' | 'refuse')[]) {
  const calls: { at: number; headers: Record<string, string>; body: unknown }[] = [];
  const fn = vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
    calls.push({ at: Date.now(), headers: init?.headers as Record<string, string>, body: JSON.parse(String(init?.body)) });
    const step = script[Math.min(calls.length - 1, script.length - 1)]!;
    if (step === 'refuse') throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    if (step === 'hang') {
      return new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    }
    return new Response('', { status: step });
  });
  return { fetch: fn as unknown as typeof fetch, calls };
}

describe('webhook delivery', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
  });
  afterEach(() => vi.useRealTimers());

  it('retries failures with exponential backoff until the receiver accepts', async () => {
    const { fetch, calls } = scriptedFetch([500, 'refuse', 503, 200]);
    const sender = new WebhookSender(parseWebhookSpec('https://hooks.example/x'), { publicUrl: 'https://h.example', fetch });
    sender.enqueue(alert('al-1'), falco);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls.map((c) => c.at)).toEqual([0, 1000, 3000, 7000]);
    expect(calls.every((c) => c.headers['idempotency-key'] === 'al-1')).toBe(true);
    expect(sender.stats).toMatchObject({ delivered: 1, retries: 3, failed: 0, queued: 0, lastStatus: 200, lastError: null });
  });

  it('gives up after the configured attempts and moves on to the next alert', async () => {
    const { fetch, calls } = scriptedFetch([500, 500, 500, 200]);
    const sender = new WebhookSender(parseWebhookSpec('https://hooks.example/x#attempts=3'), { publicUrl: '', fetch, log: () => {} });
    sender.enqueue(alert('al-1'), falco);
    sender.enqueue(alert('al-2'), falco);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls.map((c) => [c.at, c.headers['idempotency-key']])).toEqual([[0, 'al-1'], [1000, 'al-1'], [3000, 'al-1'], [3000, 'al-2']]);
    expect(sender.stats).toMatchObject({ delivered: 1, failed: 1, lastError: null });
  });

  it('does not retry a permanent refusal', async () => {
    const { fetch, calls } = scriptedFetch([404, 200]);
    const sender = new WebhookSender(parseWebhookSpec('https://hooks.example/x'), { publicUrl: '', fetch, log: () => {} });
    sender.enqueue(alert('al-1'), falco);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(1);
    expect(sender.stats).toMatchObject({ delivered: 0, failed: 1, lastStatus: 404, lastError: 'HTTP 404' });
  });

  it('times out a receiver that does not answer, and retries it', async () => {
    const { fetch, calls } = scriptedFetch(['hang', 200]);
    const sender = new WebhookSender(parseWebhookSpec('https://hooks.example/x#timeout=2s'), { publicUrl: '', fetch });
    sender.enqueue(alert('al-1'), falco);
    await vi.advanceTimersByTimeAsync(2000);
    expect(sender.stats.lastError).toBe('timed out after 2000 ms');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls.map((c) => c.at)).toEqual([0, 3000]);
    expect(sender.stats.delivered).toBe(1);
  });

  it('never blocks the caller: a stuck receiver fills a bounded queue, the rest is dropped and counted', async () => {
    const { fetch } = scriptedFetch(['hang']);
    const sender = new WebhookSender(parseWebhookSpec('https://hooks.example/x#timeout=60s'), { publicUrl: '', fetch, maxQueue: 3 });
    const accepted = Array.from({ length: 10 }, (_, i) => sender.enqueue(alert(`al-${i}`), falco));
    // One in flight, three waiting, six dropped.
    expect(accepted).toEqual([true, true, true, true, false, false, false, false, false, false]);
    expect(sender.stats).toMatchObject({ dropped: 6, queued: 4 });
    sender.close();
  });

  it('sends only alerts at or above its minimum priority', async () => {
    const { fetch, calls } = scriptedFetch([200]);
    const sender = new WebhookSender(parseWebhookSpec('https://hooks.example/x#min=warning'), { publicUrl: '', fetch });
    sender.enqueue(alert('al-notice', 'NOTICE'), falco);
    sender.enqueue(alert('al-critical', 'CRITICAL'), falco);
    sender.enqueue(alert('al-warning', 'WARNING'), falco);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls.map((c) => c.headers['idempotency-key'])).toEqual(['al-critical', 'al-warning']);
    expect(sender.stats.skipped).toBe(1);
  });
});

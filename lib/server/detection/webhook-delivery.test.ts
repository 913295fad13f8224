import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DetectionRunner } from './detection-runner';
import { createBench, DETECTION_CONFIG, type Bench } from './testing/scenario-feed';

/**
 * End to end on loopback: the Death Star scenario through detection to a real HTTP receiver
 * that fails the first delivery with a 500. Every alert must arrive exactly once, with its id
 * and deep link, and the next cycle's repeats must not be sent again.
 */
interface Received {
  status: number;
  key: string | undefined;
  body: { rule: string; priority: string; output: string; holocron: { id: string; url: string } };
}

describe('alert webhooks against a real receiver', () => {
  let bench: Bench;
  let server: http.Server;
  let url: string;
  const received: Received[] = [];

  beforeEach(async () => {
    bench = createBench();
    received.length = 0;
    server = http.createServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      req.on('end', () => {
        const status = received.length === 0 ? 500 : 200;
        received.push({ status, key: req.headers['idempotency-key'] as string | undefined, body: JSON.parse(text) });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });

  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    await bench.close();
  });

  it('delivers each alert exactly once despite a failed first delivery, and does not resend repeats', async () => {
    const runner = new DetectionRunner({
      config: { ...DETECTION_CONFIG, alertWebhooks: [`${url}#attempts=5&timeout=2s`] },
      store: bench.store,
      live: bench.live,
      webhook: { backoff: { baseMs: 20, maxMs: 200 } },
      log: () => {},
    }).start();
    try {
      await bench.feedCycle(0);
      await runner.whenIdle();
      const { rows } = await bench.store.listAlerts({
        filter: { q: '', priority: null, rule: null, namespace: null, pod: null, since: null, until: null },
        sinceUs: null,
        untilUs: null,
        limit: 100,
        cursor: null,
      });
      expect(rows).toHaveLength(5);
      const accepted = received.filter((r) => r.status === 200);
      expect(accepted.map((r) => r.body.holocron.id).sort()).toEqual(rows.map((r) => r.summary.id).sort());
      // The first alert was tried twice (500, then 200), every other one once.
      expect(received).toHaveLength(6);
      expect(received[0]!.key).toBe(received[1]!.key);
      for (const r of received) {
        expect(r.key).toBe(r.body.holocron.id);
        expect(r.body.holocron.url).toBe(`https://holocron.example/alerts/${r.body.holocron.id}`);
        expect(r.body.output).toMatch(/^\d{2}:\d{2}:\d{2}\.\d{9}: (Notice|Warning|Critical) /);
      }
      expect(runner.webhooks[0]!.stats).toMatchObject({ delivered: 5, retries: 1, failed: 0, dropped: 0, queued: 0 });

      // The next cycle repeats the incident: counted into the same alerts, not notified again.
      await bench.feedCycle(1);
      await runner.whenIdle();
      expect(received).toHaveLength(6);
    } finally {
      runner.stop();
    }
  });
});

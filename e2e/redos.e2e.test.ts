import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioNdjson } from '@/test/fixtures/scenario-records';
import { getJson, startHolocron, waitFor, type RunningHolocron } from './support/holocron-server';

/**
 * Issue 16, item 1, against a real server (`next start`, the scenario agent streaming live): the
 * regular expressions that froze it for 20–95 s — `args=(.+)+#` over the stored events,
 * `args=^(a+)+$` against one 32-character argument, a live subscription with such a pattern, 30
 * ORed `(.*a){12}` terms — run while /api/health is polled and an unfiltered live stream is read.
 * Health must answer within 1 s throughout and the live stream keep delivering.
 */
interface Health {
  store: { events: number; readPool: { threads: number; inline: boolean } | null };
}

const ORED = Array.from({ length: 30 }, () => 'args="(.*a){12}"').join(' ');

/** One stored exec whose arguments are 31 × "a" and "!": the 32-character value of the report. */
function thirtyTwoCharArgument(): string {
  const line = scenarioNdjson()
    .split('\n')
    .find((l) => l.includes('"process_exec"'))!;
  const json = JSON.parse(line);
  json.process_exec.process.arguments = `${'a'.repeat(31)}!`;
  json.process_exec.process.exec_id = Buffer.from('redos-node:1:4242').toString('base64');
  json.process_exec.process.pid = 4242;
  return `${JSON.stringify(json)}\n`;
}

/** Reads an SSE stream, noting when each batch arrived. */
function readStream(url: string, signal: AbortSignal): { batches: number[]; done: Promise<void> } {
  const batches: number[] = [];
  const done = (async () => {
    const res = await fetch(url, { signal });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    for (;;) {
      const r = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (r.done) return;
      text += decoder.decode(r.value, { stream: true });
      let end: number;
      while ((end = text.indexOf('\n\n')) >= 0) {
        if (text.slice(0, end).includes('event: batch')) batches.push(Date.now());
        text = text.slice(end + 2);
      }
    }
  })().catch(() => {});
  return { batches, done };
}

describe('ReDoS attempts (issue 16)', () => {
  let holocron: RunningHolocron;

  beforeAll(async () => {
    holocron = await startHolocron({ agentArgs: ['--source', 'scenario:death-star', '--loop', '--rate', '1500'] });
    await waitFor('stored events', async () => (await getJson<Health>(`${holocron.url}/api/health`)).store.events > 3000, 60_000).catch((e) => {
      throw new Error(`${(e as Error).message}\n${holocron.log().slice(-3000)}`);
    });
    const res = await fetch(`${holocron.url}/api/import`, { method: 'POST', body: thirtyTwoCharArgument(), headers: { 'content-type': 'application/x-ndjson' } });
    expect(res.status).toBe(200);
  }, 120_000);

  afterAll(() => holocron?.stop());

  it('keeps /api/health under 1 s and the live stream flowing while every attack runs', async () => {
    const url = holocron.url;
    const live = new AbortController();
    const stream = readStream(`${url}/api/stream?source=events`, live.signal);
    // A hostile live subscription that stays open, and one that leaves (its matcher must go with it).
    const hostileLive = new AbortController();
    const hostile = readStream(`${url}/api/stream?source=events&q=${encodeURIComponent('args=^(a+)+$')}`, hostileLive.signal);
    const leaving = new AbortController();
    readStream(`${url}/api/stream?source=events&q=${encodeURIComponent('args=(.+)+#')}`, leaving.signal);
    setTimeout(() => leaving.abort(), 1000);
    await waitFor('the live stream to start', async () => stream.batches.length > 0, 20_000);

    const healthTimes: number[] = [];
    let attacking = true;
    const polling = (async () => {
      while (attacking) {
        const started = Date.now();
        const res = await fetch(`${url}/api/health`);
        await res.json();
        healthTimes.push(Date.now() - started);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    const attack = async (q: string) => {
      const started = Date.now();
      const res = await fetch(`${url}/api/events?q=${encodeURIComponent(q)}&limit=100`);
      const body = await res.json();
      return { q, status: res.status, ms: Date.now() - started, body };
    };
    const attackStart = Date.now();
    const results = await Promise.all([
      attack('args=(.+)+#'),
      attack('args=^(a+)+$'),
      attack(ORED),
      attack('args=(.+)+#'),
      attack(ORED),
    ]);
    // Keep watching a little longer, with the hostile live filter still subscribed.
    await new Promise((r) => setTimeout(r, 3000));
    attacking = false;
    await polling;
    const attackEnd = Date.now();
    live.abort();
    hostileLive.abort();
    await Promise.all([stream.done, hostile.done]);

    // Every attack answered, with the right rows, or a 503 naming its budget: never a 500, never a hang.
    for (const r of results) {
      expect([200, 503], `${r.q}: ${JSON.stringify(r.body).slice(0, 200)}`).toContain(r.status);
      if (r.status === 503) expect(r.body.error).toMatch(/HOLOCRON_QUERY_(TIMEOUT|MAX_ROWS)/);
    }
    const anchored = results[1]!;
    expect(anchored.status).toBe(200);
    expect(anchored.body.items).toHaveLength(0); // "aaa…a!" does not match ^(a+)+$
    const hash = results[0]!;
    if (hash.status === 200) expect(hash.body.items.every((i: { event: unknown }) => JSON.stringify(i.event).includes('#'))).toBe(true);

    if (process.env.HOLOCRON_E2E_VERBOSE) console.info('attacks', results.map((r) => [r.q.slice(0, 20), r.status, r.ms, r.body.items?.length]), 'health max ms', Math.max(...healthTimes), 'batches', stream.batches.length);
    expect(healthTimes.length).toBeGreaterThan(10);
    expect(Math.max(...healthTimes)).toBeLessThan(1000);
    // The live stream delivered throughout: no gap over 2 s between batches during the attacks.
    const during = stream.batches.filter((t) => t >= attackStart && t <= attackEnd);
    expect(during.length).toBeGreaterThan(3);
    const gaps = [attackStart, ...during, attackEnd].slice(1).map((t, i, all) => t - (i === 0 ? attackStart : all[i - 1]!));
    expect(Math.max(...gaps)).toBeLessThan(2000);
    const health = await getJson<Health>(`${url}/api/health`);
    expect(health.store.readPool).toMatchObject({ inline: false });
  }, 120_000);

  it('refuses a pattern RE2 cannot run with a 400 naming the term', async () => {
    for (const q of ['args=(?=x)', 'binary=(a)\\1']) {
      const res = await fetch(`${holocron.url}/api/events?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.param).toBe('q');
      expect(body.error).toMatch(/invalid regular expression \(RE2 syntax\)/);
      expect(body.error).toContain(q.split('=')[0]);
    }
  });
});

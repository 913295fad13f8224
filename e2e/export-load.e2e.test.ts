import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_TOKEN } from './support/e2e-token';
import { startHolocron, type RunningHolocron } from './support/holocron-server';

// Issue 16 item 8: 20 parallel full exports reached 2.6 GB RSS and starved /api/health; 100
// slow export readers pushed RSS from 0.7 to 1.6 GB. Here both run at once against a server
// holding a few hundred thousand imported events, and the server's RSS must stay under 1 GiB.

const LINES = Number(process.env.HOLOCRON_EXPORT_LOAD_LINES ?? 300_000);
const FAST = 20;
const SLOW = 100;

function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

// Within the last hour, so that retention (24 h) leaves them alone while the exports read.
const T0 = Date.now() - 3_600_000;

function line(i: number): string {
  const t = new Date(T0 + i * 5).toISOString();
  const id = Buffer.from(`load:${i}`).toString('base64');
  return JSON.stringify({
    process_exec: {
      process: {
        exec_id: id,
        pid: 10_000 + (i % 50_000),
        uid: 1000,
        cwd: '/srv/app',
        binary: '/usr/bin/python3',
        arguments: `/srv/app/worker.py --job ${i} --queue default --retries 3 --payload ${'x'.repeat(200)}`,
        start_time: t,
        pod: { namespace: 'load', name: `worker-${i % 200}`, container: { id: 'containerd://load', name: 'worker', image: { name: 'registry.local/worker:1.2.3' }, pid: 1 } },
        parent_exec_id: 'bG9hZDpwYXJlbnQ=',
      },
      parent: { exec_id: 'bG9hZDpwYXJlbnQ=', pid: 1, binary: '/usr/bin/tini' },
    },
    node_name: `node-${i % 8}`,
    time: t,
  });
}

describe('exports under load (issue 16 item 8)', () => {
  let holocron: RunningHolocron;
  let pid = 0;
  let sampling = false;

  beforeAll(async () => {
    holocron = await startHolocron({ agentArgs: null, env: { HOLOCRON_MAX_UPLOAD_SIZE: '2GiB', HOLOCRON_MAX_EXPORTS: String(FAST + SLOW) } });
    pid = holocron.serverPid()!;
    let i = 0;
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (i >= LINES) return c.close();
        const chunk: string[] = [];
        for (let k = 0; k < 2000 && i < LINES; k++) chunk.push(line(i++));
        c.enqueue(encoder.encode(`${chunk.join('\n')}\n`));
      },
    });
    const started = Date.now();
    const res = await fetch(`${holocron.url}/api/import`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body, duplex: 'half' } as RequestInit);
    const report = (await res.json()) as { events: { added: number } };
    expect(report.events.added).toBe(LINES);
    console.log(`[export-load] imported ${LINES} events in ${((Date.now() - started) / 1000).toFixed(1)} s; server RSS ${rssMiB(pid).toFixed(0)} MiB`);
  }, 600_000);

  afterAll(async () => {
    sampling = false;
    await holocron?.stop();
  });

  it('20 full exports and 100 slow readers at once: RSS under 1 GiB, health answers, every line exported', async () => {
    const url = `${holocron.url}/api/export?source=events`;
    const baseline = rssMiB(pid);
    const samples: number[] = [];
    const healthMs: number[] = [];
    sampling = true;
    const sampler = (async () => {
      while (sampling) {
        try {
          samples.push(rssMiB(pid));
        } catch {
          /* the server is gone */
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
    const prober = (async () => {
      while (sampling) {
        // Timed by curl, in its own process: this one is busy reading the exports.
        const seconds = await new Promise<number>((resolve) =>
          execFile('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code} %{time_total}', '-H', `authorization: Bearer ${E2E_TOKEN}`, `${holocron.url}/api/health`], (_e, out) => {
            const [code, total] = String(out).split(' ');
            resolve(code === '200' ? Number(total) : Number.POSITIVE_INFINITY);
          }),
        );
        healthMs.push(Math.round(seconds * 1000));
        await new Promise((r) => setTimeout(r, 500));
      }
    })();

    // 100 slow readers: each takes what one socket read holds, once a second, like a client on a bad link.
    const slow: http.IncomingMessage[] = [];
    const slowBytes: number[] = [];
    const slowStatus: number[] = [];
    await Promise.all(
      Array.from(
        { length: SLOW },
        (_, k) =>
          new Promise<void>((resolve, reject) => {
            const req = http.get(url, { headers: { authorization: `Bearer ${E2E_TOKEN}` } }, (res) => {
              slowStatus[k] = res.statusCode!;
              slowBytes[k] = 0;
              res.pause();
              slow.push(res);
              const tick = setInterval(() => {
                const chunk = res.read() as Buffer | null;
                if (chunk) slowBytes[k]! += chunk.length;
              }, 1000);
              res.once('close', () => clearInterval(tick));
              resolve();
            });
            req.on('error', reject);
          }),
      ),
    );

    // 20 full exports read as fast as this process can; while all 120 are open, one more is
    // refused with the limit named.
    const started = Date.now();
    const responses = await Promise.all(Array.from({ length: FAST }, () => fetch(url)));
    const over = await fetch(url);
    const overStatus = over.status;
    const overError = overStatus === 429 ? ((await over.json()) as { error: string }).error : await over.body?.cancel();
    const fast = await Promise.all(
      responses.map(async (res) => {
        expect(res.status).toBe(200);
        let lines = 0;
        const reader = res.body!.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          for (let at = value.indexOf(10); at >= 0; at = value.indexOf(10, at + 1)) lines++;
        }
        return lines;
      }),
    );
    const fastS = (Date.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 3000));
    const withSlow = rssMiB(pid);
    for (const res of slow) res.destroy();
    sampling = false;
    await Promise.all([sampler, prober]);

    const peak = Math.max(...samples);
    const maxHealth = Math.max(...healthMs);
    console.log(
      `[export-load] ${FAST} exports of ${LINES} lines in ${fastS.toFixed(1)} s alongside ${SLOW} slow readers; ` +
        `RSS baseline ${baseline.toFixed(0)} MiB, peak ${peak.toFixed(0)} MiB, with only the slow readers left ${withSlow.toFixed(0)} MiB; ` +
        `/api/health slowest ${maxHealth} ms over ${healthMs.length} probes; slow readers got ${Math.min(...slowBytes)}–${Math.max(...slowBytes)} bytes each`,
    );
    expect(overStatus).toBe(429);
    expect(overError).toMatch(/limit is 120 \(HOLOCRON_MAX_EXPORTS\)/);
    expect(fast).toEqual(Array.from({ length: FAST }, () => LINES));
    expect(slowStatus.every((s) => s === 200)).toBe(true);
    expect(Math.min(...slowBytes)).toBeGreaterThan(0);
    expect(peak).toBeLessThan(1024);
    expect(maxHealth).toBeLessThan(5000);
  }, 600_000);
});

import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, screenshot } from '@/e2e/support/browser';
import { syntheticNdjson } from '@/e2e/support/synthetic-flows';
import { microsToRfc3339 } from '@/lib/wire/timestamp';
import { freshCopyBase, type Feeder } from '../feeder/feeder-control';
import type { BenchContext } from '../support/context';
import type { NextServer } from '../support/next-server';
import { sleep } from '../support/stats';

/**
 * (7) Chromium (playwright-core, Debian's chromium): the /flows table filling to 100,000 rows
 * while live-tailing 5,000 flows/s, and /map with 300 workloads and 2,000 edges. Main-thread
 * health from the page itself: PerformanceObserver 'longtask' entries and requestAnimationFrame
 * frames.
 */
// Plain JavaScript text: functions passed to the page must not carry the helpers tsx's transform
// adds to named arrow functions (__name), which the page does not have.
const PROBE = `
  window.__bench = { tasks: [], frames: 0, since: performance.now() };
  new PerformanceObserver(function (list) { list.getEntries().forEach(function (e) { window.__bench.tasks.push(e.duration); }); }).observe({ type: 'longtask', buffered: true });
  requestAnimationFrame(function frame() { window.__bench.frames++; requestAnimationFrame(frame); });
`;

const READ = (reset: boolean) => `(function () {
  var b = window.__bench;
  var seconds = (performance.now() - b.since) / 1000;
  var r = { longest: Math.max.apply(null, [0].concat(b.tasks)), over100: b.tasks.filter(function (t) { return t > 100; }).length, tasks: b.tasks.length, fps: b.frames / seconds, seconds: seconds };
  if (${reset}) { b.tasks = []; b.frames = 0; b.since = performance.now(); }
  return r;
})()`;

async function readProbe(page: Page, reset: boolean): Promise<{ longest: number; over100: number; tasks: number; fps: number; seconds: number }> {
  return page.evaluate(READ(reset));
}

async function rowCount(page: Page): Promise<number> {
  const text = (await page.getByTestId('row-count').textContent().catch(() => '')) ?? '';
  return Number(text.replace(/[^\d]/g, '')) || 0;
}

async function flowsLiveTail(ctx: BenchContext, server: NextServer, feeder: Feeder, page: Page): Promise<void> {
  const rows = ctx.opts.quick ? 20_000 : 100_000;
  const rate = 5000;
  await page.addInitScript({ content: PROBE });
  await page.goto(`${server.url}/flows`);
  await page.getByText('● live').waitFor({ timeout: 30_000 });
  await feeder.go({ mix: 'flows', count: Infinity, rate, copyBase: freshCopyBase() });
  const t0 = Date.now();
  let n = 0;
  while ((n = await rowCount(page)) < rows) {
    if (Date.now() - t0 > (rows / rate) * 1000 * 3 + 30_000) throw new Error(`/flows: ${n} rows after ${Math.round((Date.now() - t0) / 1000)} s of live tail (wanted ${rows})`);
    await sleep(500);
  }
  const filling = await readProbe(page, true);
  const fillSeconds = (Date.now() - t0) / 1000;
  // --profile: a Chromium performance trace of the measured window (open it in DevTools' Performance tab).
  const trace = ctx.opts.profile ? path.resolve('bench/profiles', `flows-live-tail-${Date.now()}.trace.json`) : null;
  if (trace) {
    fs.mkdirSync(path.dirname(trace), { recursive: true });
    await page.context().browser()!.startTracing(page, { path: trace, screenshots: false });
  }
  await sleep((ctx.opts.quick ? 4 : 15) * 1000);
  const full = await readProbe(page, false);
  if (trace) await page.context().browser()!.stopTracing();
  await screenshot(page, 'bench-flows-live-tail');
  const lost = (await page.getByTestId('live-lost').textContent().catch(() => null)) ?? 'none';
  feeder.stopSending();
  const held = await rowCount(page);
  ctx.report.add({
    section: 'browser',
    metric: `/flows, ${held.toLocaleString('en-US')} rows, live tail ${rate.toLocaleString('en-US')} flows/s: longest task`,
    value: full.longest,
    unit: 'ms',
    target: { op: '<=', value: 100 },
    note: `${full.over100} tasks > 100 ms, ${full.tasks} long tasks, ${full.fps.toFixed(0)} frames/s over ${full.seconds.toFixed(0)} s; live lost: ${lost}${trace ? `; trace ${path.relative(process.cwd(), trace)}` : ''}`,
  });
  ctx.report.add({
    section: 'browser',
    metric: `/flows while filling to ${rows.toLocaleString('en-US')} rows: longest task`,
    value: filling.longest,
    unit: 'ms',
    target: { op: '<=', value: 100 },
    note: `${filling.over100} tasks > 100 ms, ${filling.fps.toFixed(0)} frames/s; filled in ${fillSeconds.toFixed(0)} s`,
  });
  ctx.report.detail('browser.flows', { rows: held, rate, filling, full, fillSeconds });
}

async function bigMap(ctx: BenchContext, server: NextServer, page: Page): Promise<void> {
  // A window three hours ago holds only this cluster (the other data is from the last hour).
  const untilUs = Date.now() * 1000 - 3 * 3600e6;
  const spanMs = 5 * 60_000;
  const { ndjson, lines } = syntheticNdjson({ workloads: 300, edges: 2000, namespaces: 12, spanMs, seed: 42 });
  const shiftUs = untilUs - Date.now() * 1000;
  const shifted = ndjson
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const line = JSON.parse(l) as { time: string; flow: { time: string } };
      const time = microsToRfc3339(Date.parse(line.time) * 1000 + shiftUs);
      return JSON.stringify({ ...line, time, flow: { ...line.flow, time } });
    })
    .join('\n');
  const res = await fetch(`${server.url}/api/import`, { method: 'POST', body: `${shifted}\n`, headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/x-ndjson' } });
  const imported = (await res.json()) as { flows?: { added: number } };
  if (imported.flows?.added !== lines) throw new Error(`map import: added ${imported.flows?.added} of ${lines} flows`);
  const since = encodeURIComponent(microsToRfc3339(untilUs - spanMs * 1000 - 60e6));
  const until = encodeURIComponent(microsToRfc3339(untilUs + 60e6));
  await page.addInitScript({ content: PROBE });
  const t0 = Date.now();
  await page.goto(`${server.url}/map?since=${since}&until=${until}`);
  // Polled from here: the page's CSP (rightly) refuses the string eval waitForFunction would need.
  const edges = page.locator('[data-testid="map-edge"]');
  while ((await edges.count()) < 2000) {
    if (Date.now() - t0 > 60_000) throw new Error(`/map: ${await edges.count()} of 2,000 edges drawn after 60 s`);
    await sleep(100);
  }
  const shownMs = Date.now() - t0;
  await sleep(500);
  const probe = await readProbe(page, false);
  await screenshot(page, 'bench-map-big');
  const area = page.getByTestId('map-area');
  const layoutMs = Number(await area.getAttribute('data-layout-ms'));
  const ranIn = await area.getAttribute('data-layout-ran-in');
  ctx.report.add({
    section: 'browser',
    metric: '/map, 300 workloads, 2,000 edges: longest task',
    value: probe.longest,
    unit: 'ms',
    note: `${probe.over100} tasks > 100 ms; shown ${(shownMs / 1000).toFixed(1)} s after navigation`,
  });
  ctx.report.add({ section: 'browser', metric: '/map, 300 workloads, 2,000 edges: layout', value: layoutMs, unit: 'ms', note: `ran in the ${ranIn}` });
  ctx.report.detail('browser.map', { shownMs, layoutMs, ranIn, probe });
}

export async function runBrowser(ctx: BenchContext, server: NextServer, feeder: Feeder): Promise<void> {
  ctx.log('browser: /flows live tail, then /map');
  const browser = await launchChromium();
  try {
    const flows = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await flowsLiveTail(ctx, server, feeder, flows);
    await flows.close();
    const map = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await bigMap(ctx, server, map);
    await map.close();
  } finally {
    await browser.close();
  }
}

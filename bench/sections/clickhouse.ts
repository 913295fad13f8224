import fs from 'node:fs';
import path from 'node:path';
import { openStore } from '@/lib/server/store/open-store';
import { fillQueryStore } from '../data/query-data';
import { ROOT } from '../support/child';
import type { BenchContext } from '../support/context';
import { ingestRun } from './ingest';
import { runQuerySuite } from './queries';

/**
 * The ClickHouse store, when this build has one: the same ingest (through a hub with
 * HOLOCRON_STORE=clickhouse://…) and the same query suite as SQLite, on a local ClickHouse
 * started by the store's own test helper (`startLocalClickHouse()` in
 * lib/server/store/clickhouse/testing/local-clickhouse.ts: { database(name), stop() }), one fresh
 * database for each. Without that helper or without clickhouse-server the rows say why they were
 * skipped.
 */
const HELPER = 'lib/server/store/clickhouse/testing/local-clickhouse.ts';

interface LocalClickHouse {
  url: string;
  database(name: string): string;
  stop(): Promise<void>;
}

interface Helper {
  startLocalClickHouse?: () => Promise<LocalClickHouse>;
  clickHouseUnavailable?: () => string | null;
}

export async function runClickHouse(ctx: BenchContext): Promise<void> {
  if (!fs.existsSync(path.join(ROOT, HELPER))) {
    ctx.report.skip('clickhouse', 'ingest and queries on ClickHouse', `skipped: no ClickHouse store in this tree yet (${HELPER})`);
    return;
  }
  const helper = (await import(path.join(ROOT, HELPER))) as Helper;
  if (typeof helper.startLocalClickHouse !== 'function') {
    ctx.report.skip('clickhouse', 'ingest and queries on ClickHouse', `skipped: ${HELPER} has no startLocalClickHouse()`);
    return;
  }
  const unavailable = helper.clickHouseUnavailable?.() ?? null;
  if (unavailable) {
    ctx.report.skip('clickhouse', 'ingest and queries on ClickHouse', `skipped: ${unavailable}`);
    return;
  }
  ctx.log('clickhouse: starting a local ClickHouse');
  const ch = await helper.startLocalClickHouse();
  try {
    // Quick runs take a smaller sample here: the point is the comparison, not the two minutes.
    const n = ctx.opts.quick ? Math.min(ctx.opts.events, 20_000) : ctx.opts.events;
    const run = await ingestRun(ctx, 'mixed', n, { HOLOCRON_STORE: ch.database('bench_ingest') });
    ctx.report.add({
      section: 'clickhouse',
      metric: `agent → stored, mixed (ClickHouse store, ${n.toLocaleString('en-US')} items)`,
      value: run.rate,
      unit: 'ev/s',
      target: { op: '>=', value: 50_000 },
      note: `${run.seconds.toFixed(1)} s; ${run.stats.lost} lost; hub CPU ${run.hubCpuPct.toFixed(0)} %`,
    });
    const store = await openStore({ store: ch.database('bench_queries'), dbFile: '' });
    try {
      const t = performance.now();
      const data = await fillQueryStore(store, n, { log: ctx.log });
      ctx.log(`clickhouse: ${(data.flows + data.events).toLocaleString('en-US')} stored in ${((performance.now() - t) / 1000).toFixed(0)} s`);
      await runQuerySuite({ ...ctx, queryDb: { file: ch.database('bench_queries'), data } }, store, `clickhouse (${(data.flows + data.events).toLocaleString('en-US')} items)`);
    } finally {
      await store.close();
    }
  } finally {
    await ch.stop();
  }
}

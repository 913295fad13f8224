import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '@/lib/server/config/config';
import { openStore } from '@/lib/server/store/open-store';
import { fillQueryStore } from '../data/query-data';
import { ROOT } from '../support/child';
import type { BenchContext } from '../support/context';
import { ingestRun } from './ingest';
import { runQuerySuite } from './queries';

/**
 * The ClickHouse store, when this build has one: the same ingest (through a hub with
 * HOLOCRON_STORE=clickhouse://…) and the same query suite as SQLite, on a local ClickHouse
 * started by the store's own test helper. Hook: `startLocalClickHouse()` from
 * lib/server/store/clickhouse/testing/local-clickhouse.ts, answering { url: 'clickhouse://…', stop() }.
 * Until that file exists the section is reported as skipped, with this reason.
 */
const HELPER = 'lib/server/store/clickhouse/testing/local-clickhouse.ts';

interface LocalClickHouse {
  url: string;
  stop(): Promise<void>;
}

export async function runClickHouse(ctx: BenchContext): Promise<void> {
  if (!fs.existsSync(path.join(ROOT, HELPER))) {
    ctx.report.skip('clickhouse', 'ingest and queries on ClickHouse', `skipped: no ClickHouse store in this tree yet (${HELPER})`);
    return;
  }
  const helper = (await import(path.join(ROOT, HELPER))) as { startLocalClickHouse?: () => Promise<LocalClickHouse> };
  if (typeof helper.startLocalClickHouse !== 'function') {
    ctx.report.skip('clickhouse', 'ingest and queries on ClickHouse', `skipped: ${HELPER} has no startLocalClickHouse()`);
    return;
  }
  ctx.log('clickhouse: starting a local ClickHouse');
  const ch = await helper.startLocalClickHouse();
  try {
    const n = ctx.opts.events;
    const run = await ingestRun(ctx, 'mixed', n, { HOLOCRON_STORE: ch.url });
    ctx.report.add({
      section: 'clickhouse',
      metric: 'agent → stored, mixed (ClickHouse store)',
      value: run.rate,
      unit: 'ev/s',
      target: { op: '>=', value: 50_000 },
      note: `${run.seconds.toFixed(1)} s; ${run.stats.lost} lost; hub CPU ${run.hubCpuPct.toFixed(0)} %`,
    });
    const store = await openStore(loadConfig({ HOLOCRON_STORE: ch.url, HOLOCRON_DB: path.join(ctx.dataDir, 'unused.db') }));
    try {
      const t = performance.now();
      const data = await fillQueryStore(store, n, { log: ctx.log });
      ctx.log(`clickhouse: ${(data.flows + data.events).toLocaleString('en-US')} stored in ${((performance.now() - t) / 1000).toFixed(0)} s`);
      await runQuerySuite({ ...ctx, queryDb: { file: ch.url, data } }, store, 'clickhouse');
    } finally {
      await store.close();
    }
  } finally {
    await ch.stop();
  }
}

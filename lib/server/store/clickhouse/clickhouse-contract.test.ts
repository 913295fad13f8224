import { afterAll, beforeAll, describe, it } from 'vitest';
import { defineStoreContract } from '../testing/store-contract';
import { ClickHouseStore } from './clickhouse-store';
import { clickHouseUnavailable, startLocalClickHouse, type LocalClickHouse } from './testing/local-clickhouse';

// The shared store contract on a real ClickHouse server (Debian's clickhouse-server, started
// here on free ports in a scratch directory): a fresh database per store the suite asks for.
const unavailable = clickHouseUnavailable();
let server: LocalClickHouse | null = null;
const run = `c${Date.now().toString(36)}`;

if (unavailable) {
  describe.skip(`Store contract: ClickHouse — skipped: ${unavailable}`, () => {
    it('needs clickhouse-server', () => {});
  });
} else {
  beforeAll(async () => {
    server = await startLocalClickHouse();
  });
  afterAll(async () => {
    await server?.stop();
  });
  defineStoreContract('ClickHouse', async (name) => ClickHouseStore.open(server!.database(`${run}_${name.replace(/\W/g, '_')}`)));
}

import type { HolocronConfig } from '../config/config';
import { ClickHouseStore } from './clickhouse/clickhouse-store';
import { ReadPool, withReadPool } from './sqlite/read-pool';
import { SqliteStore } from './sqlite/sqlite-store';
import type { Store } from './store';

const DEFAULT_BUDGET: HolocronConfig['queryBudget'] = { timeMs: 10_000, maxRows: 5_000_000 };

/**
 * SQLite unless HOLOCRON_STORE names ClickHouse (clickhouse://host:port/database). SQLite's
 * reads run on reader threads within the query budget (sqlite/read-pool.ts); an in-memory
 * file cannot be shared between connections, so it reads on its own.
 */
export async function openStore(
  config: Pick<HolocronConfig, 'store' | 'dbFile'> & Partial<Pick<HolocronConfig, 'queryBudget'>>,
): Promise<Store> {
  if (config.store) return ClickHouseStore.open(config.store, config.queryBudget?.timeMs);
  const store = new SqliteStore(config.dbFile);
  if (config.dbFile === ':memory:') return store;
  return withReadPool(store, new ReadPool(config.dbFile, config.queryBudget ?? DEFAULT_BUDGET, store));
}

import type { HolocronConfig } from '../config/config';
import { ClickHouseStore } from './clickhouse/clickhouse-store';
import { SqliteStore } from './sqlite/sqlite-store';
import type { Store } from './store';

/** SQLite unless HOLOCRON_STORE names ClickHouse (clickhouse://host:port/database). */
export async function openStore(config: Pick<HolocronConfig, 'store' | 'dbFile'>): Promise<Store> {
  if (config.store) return ClickHouseStore.open(config.store);
  return new SqliteStore(config.dbFile);
}

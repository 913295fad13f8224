import type { HolocronConfig } from '../config/config';
import { SqliteStore } from './sqlite/sqlite-store';
import type { Store } from './store';

/** SQLite unless HOLOCRON_STORE names another backend. */
export async function openStore(config: HolocronConfig): Promise<Store> {
  if (config.store) throw new Error(`HOLOCRON_STORE: the ClickHouse store is not available in this build (${config.store})`);
  return new SqliteStore(config.dbFile);
}

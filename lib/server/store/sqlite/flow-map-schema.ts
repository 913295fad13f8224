import type Database from 'better-sqlite3';
import { summarizeFlow } from '@/lib/domain/flow-summary';
import type { HubbleFlowJson } from '@/lib/domain/wire-types';
import { backfillFromJson } from './backfill';
import { FlowMapIndex } from './flow-map-index';

/**
 * Tables of the service map's rollup (flow-map-index.ts). The flows table's `map_key` column and
 * its (ts, map_key) index are in schema.ts's base DDL.
 */
export const FLOW_MAP_DDL = `
CREATE TABLE IF NOT EXISTS flow_map_keys (
  key_id INTEGER PRIMARY KEY,
  key_hash TEXT NOT NULL UNIQUE,
  src_ns TEXT NOT NULL, src_pod TEXT NOT NULL, src_workload TEXT NOT NULL, src_workload_kind TEXT NOT NULL,
  src_identity INTEGER NOT NULL, src_labels TEXT NOT NULL, src_ip TEXT NOT NULL, src_port INTEGER NOT NULL, src_service TEXT NOT NULL,
  dst_ns TEXT NOT NULL, dst_pod TEXT NOT NULL, dst_workload TEXT NOT NULL, dst_workload_kind TEXT NOT NULL,
  dst_identity INTEGER NOT NULL, dst_labels TEXT NOT NULL, dst_ip TEXT NOT NULL, dst_port INTEGER NOT NULL, dst_service TEXT NOT NULL,
  type TEXT NOT NULL, protocol TEXT NOT NULL, verdict TEXT NOT NULL, drop_reason TEXT NOT NULL,
  encrypted INTEGER NOT NULL, auth_type TEXT NOT NULL, policies TEXT NOT NULL,
  http_method TEXT NOT NULL, http_path TEXT NOT NULL, http_code INTEGER NOT NULL, dns_query TEXT NOT NULL,
  is_reply INTEGER,
  direction TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS flow_map_minutes (
  minute INTEGER NOT NULL,
  key_id INTEGER NOT NULL,
  n INTEGER NOT NULL,
  first_ts INTEGER NOT NULL,
  last_ts INTEGER NOT NULL,
  PRIMARY KEY (minute, key_id)
) WITHOUT ROWID;
`;


/** Schema step: keys written before the map read directions get '' (taken as undecided sides). */
export function addFlowMapDirection(db: Database.Database): void {
  const cols = db.prepare("SELECT name FROM pragma_table_info('flow_map_keys')").pluck().all() as string[];
  if (!cols.includes('direction')) db.exec("ALTER TABLE flow_map_keys ADD COLUMN direction TEXT NOT NULL DEFAULT ''");
}

/**
 * Schema step: the rollup tables, and for a file that already holds flows, their map_key and
 * minute counts computed from the stored JSON by the summariser ingest uses.
 */
export function addFlowMap(db: Database.Database, from: number): void {
  db.exec(FLOW_MAP_DDL);
  if (from === 0) return; // a fresh file: the base DDL creates flows with map_key
  db.exec('ALTER TABLE flows ADD COLUMN map_key INTEGER NOT NULL DEFAULT 0');
  const index = new FlowMapIndex(db);
  const write = db.prepare('UPDATE flows SET map_key = ? WHERE seq = ?');
  backfillFromJson<HubbleFlowJson>(
    db,
    'flows',
    '1',
    (line, r) => {
      const summary = summarizeFlow(line, r.id);
      const key = index.keyOf(summary);
      write.run(key, r.seq);
      index.counted(key, summary.ts);
    },
    () => index.flush(),
  );
}

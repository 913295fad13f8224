import type Database from 'better-sqlite3';
import { summarizeFlow } from '@/lib/domain/flow-summary';
import type { HubbleFlowJson } from '@/lib/domain/wire-types';
import { flowV2Params } from './rows';

/**
 * Schema 1 → 2: the flow columns the service map groups by (workload kinds, encryption, auth
 * type, policies) were only in the JSON. The rows are backfilled by the same summariser ingest
 * uses, so old and new rows can never disagree. Runs inside applySchema's transaction; chunked
 * by seq because better-sqlite3 cannot write while a read iterator is open.
 */
const COLUMNS = [
  "src_workload_kind TEXT NOT NULL DEFAULT ''",
  "dst_workload_kind TEXT NOT NULL DEFAULT ''",
  'encrypted INTEGER NOT NULL DEFAULT 0',
  "auth_type TEXT NOT NULL DEFAULT ''",
  "policies TEXT NOT NULL DEFAULT ''",
];

const CHUNK = 5000;

export function migrateFlowsToV2(db: Database.Database): void {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'flows'").get();
  if (!exists) return;
  for (const col of COLUMNS) db.exec(`ALTER TABLE flows ADD COLUMN ${col}`);
  const read = db.prepare('SELECT seq, id, json FROM flows WHERE seq > ? ORDER BY seq LIMIT ?');
  const write = db.prepare(
    `UPDATE flows SET src_workload_kind = @src_workload_kind, dst_workload_kind = @dst_workload_kind,
       encrypted = @encrypted, auth_type = @auth_type, policies = @policies WHERE seq = @seq`,
  );
  let after = 0;
  for (;;) {
    const rows = read.all(after, CHUNK) as { seq: number; id: string; json: string }[];
    for (const r of rows) {
      let line: HubbleFlowJson;
      try {
        line = JSON.parse(r.json) as HubbleFlowJson;
      } catch {
        continue; // stored rows were validated at ingest; a damaged one keeps the defaults
      }
      write.run({ ...flowV2Params(summarizeFlow(line, r.id)), seq: r.seq });
    }
    if (rows.length < CHUNK) return;
    after = rows[rows.length - 1]!.seq;
  }
}

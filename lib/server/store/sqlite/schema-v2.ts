import type Database from 'better-sqlite3';
import { summarizeFlow } from '@/lib/domain/flow-summary';
import type { HubbleFlowJson } from '@/lib/domain/wire-types';
import { backfillFromJson } from './backfill';
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


export function migrateFlowsToV2(db: Database.Database): void {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'flows'").get();
  if (!exists) return;
  for (const col of COLUMNS) db.exec(`ALTER TABLE flows ADD COLUMN ${col}`);
  const write = db.prepare(
    `UPDATE flows SET src_workload_kind = @src_workload_kind, dst_workload_kind = @dst_workload_kind,
       encrypted = @encrypted, auth_type = @auth_type, policies = @policies WHERE seq = @seq`,
  );
  backfillFromJson<HubbleFlowJson>(db, 'flows', '1', (line, r) => {
    write.run({ ...flowV2Params(summarizeFlow(line, r.id)), seq: r.seq });
  });
}

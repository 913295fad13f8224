import { parentPort, workerData } from 'node:worker_threads';
import { openConnection } from './sqlite-connection';
import { SqliteWrites } from './sqlite-writes';
import { insertParts } from './writer-batch';
import type { WriterReply, WriterRequest } from './writer-protocol';
import { runAsIngestThread } from '../../worker-threads';

/**
 * The writer thread's entry point (sqlite-writer.ts): its own connection to the store's file,
 * requests handled one at a time, so replies come back in the order they were asked.
 */
runAsIngestThread();

const { file } = workerData as { file: string };
const db = openConnection(file, 128);
const writes = new SqliteWrites(db);

function answer(req: WriterRequest): unknown {
  switch (req.op) {
    case 'insert':
      return insertParts(writes, req.batch);
    case 'retention':
      return writes.retention(req.policy, req.nowUs);
    case 'alerts':
      return writes.alerts().record(req.occurrences, req.windowUs);
    case 'pruneAlerts':
      return writes.alerts().prune(req.beforeUs);
    case 'pragma':
      return writes.pragma(req.statement);
    case 'close':
      if (db.open) db.close();
      return null;
  }
}

parentPort?.on('message', (req: WriterRequest) => {
  let reply: WriterReply;
  try {
    reply = { id: req.id, ok: true, result: answer(req) };
  } catch (e) {
    const err = e as Error & { code?: string };
    reply = { id: req.id, ok: false, error: err.message, code: err.code };
  }
  parentPort!.postMessage(reply);
});

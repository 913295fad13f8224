import { fromParts } from '../record-chunk';
import { tallyOf, type InsertTally } from './sqlite-counters';
import type { SqliteWrites, StoredPositions } from './sqlite-writes';
import type { WriterParts } from './writer-protocol';

/** What an insert answers: which items were new, and what they add to the store's counts. */
export interface StoredBatch extends StoredPositions {
  tally: InsertTally;
}

/** One insert as the writer runs it (on its thread, or inline): parts unpacked, one transaction, the new rows tallied. */
export function insertParts(writes: SqliteWrites, parts: WriterParts): StoredBatch {
  const flows = fromParts(parts.flows);
  const events = fromParts(parts.events);
  const stored = writes.insert({ flows: flows.summaries, flowJson: flows.json, events: events.summaries, eventJson: events.json });
  const tally = tallyOf(
    stored.flows.map((i) => flows.summaries[i]!),
    stored.events.map((i) => events.summaries[i]!),
  );
  return { ...stored, tally };
}

import type { EventSummary, FlowSummary } from '@/lib/domain/records';
import type { AlertOccurrence } from '../alert-store';
import type { RecordPart } from '../record-chunk';
import type { RetentionPolicy } from '../store';

/** Messages between the store (sqlite-writer.ts) and its writer thread (writer-worker.ts). */
export type WriterRequest =
  | { id: number; op: 'insert'; batch: WriterParts }
  | { id: number; op: 'retention'; policy: RetentionPolicy; nowUs: number }
  | { id: number; op: 'alerts'; occurrences: AlertOccurrence[]; windowUs: number }
  | { id: number; op: 'pruneAlerts'; beforeUs: number }
  | { id: number; op: 'pragma'; statement: string }
  | { id: number; op: 'close' };

export type WriterReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string; code?: string };

/** A request as the caller writes it (the id is the writer's). */
export type WriterOp = WriterRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** A batch as the writer gets it: the summaries (the columns) and, beside them, the JSON texts. */
export interface WriterBatch {
  flows: readonly FlowSummary[];
  events: readonly EventSummary[];
  flowJson: readonly string[];
  eventJson: readonly string[];
}

/**
 * A batch as it crosses to the writer: runs of decode-worker chunks (unpacked only there) and
 * records made on the main thread (writer-batch.ts turns it into a WriterBatch).
 */
export interface WriterParts {
  flows: RecordPart<FlowSummary>[];
  events: RecordPart<EventSummary>[];
}

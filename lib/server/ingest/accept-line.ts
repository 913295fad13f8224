import { storedEventKind } from '@/lib/domain/event-summary';
import { rfc3339ToMicrosOr } from '@/lib/domain/time';
import type { HolocronMarks, HubbleFlowJson, TetragonEventJson } from '@/lib/domain/wire-types';
import type { EventRecord, FlowRecord } from '@/lib/server/store/store';
import { microsToRfc3339 } from '@/lib/wire/timestamp';
import type { AgentStatus } from './agent-status';
import { eventRecord, flowRecord } from './records';
import { capStrings, defaultMaxStringBytes } from './string-cap';

/**
 * Where decoded lines go (the ingest batcher), and the one place that decides what a line is.
 * Every line is stored, in its upstream shape: process events and Tetragon's rate_limit_info /
 * test in the events table, flows and Hubble's lost_events / node_status in the flows table. A
 * loss notice also becomes a visible "events lost" marker (the counters and live notices), and a
 * line without a top-level time is stored at the time it was received, marked as such.
 */
export interface LostNotice {
  source: string; // agent endpoint or "import"
  count: number;
  reason: string;
  atUs: number;
}

export interface IngestSink {
  acceptFlow(rec: FlowRecord): void;
  acceptEvent(rec: EventRecord): void;
  lost(notice: LostNotice): void;
}

export interface AcceptResult {
  timeUs: number | null; // the time of a stored flow or event (Hubble resumes from the last one)
  error: string | null;
  cut?: number; // strings cut to HOLOCRON_MAX_STRING_SIZE in this line
}

let maxStringBytes: number | null = null;
/**
 * Every line, live or imported, passes here before it becomes a record: the one place strings are
 * capped. A line decoded from a message of `sourceBytes` cannot hold a longer string than 3 UTF-8
 * bytes a byte of it (an invalid byte decodes to U+FFFD; base64 and 64-bit numbers grow less),
 * so a small message skips the walk over its every key and string.
 */
function capLine(line: object, sourceBytes?: number): number {
  maxStringBytes ??= defaultMaxStringBytes();
  if (sourceBytes !== undefined && sourceBytes * 3 + 64 <= maxStringBytes) return 0;
  return capStrings(line, maxStringBytes);
}

function mark(line: { _holocron?: HolocronMarks }, marks: HolocronMarks): void {
  // Appended last, so the upstream keys keep their order in the stored text.
  line._holocron = { ...line._holocron, ...marks };
}

/** The line's time in µs; a line without one gets the receive time, and says so. */
function timeOrReceived(line: { time?: string; _holocron?: HolocronMarks }, time: string | undefined, nowUs: number): number {
  const us = rfc3339ToMicrosOr(time ?? '', -1);
  if (us >= 0) return us;
  const received = line._holocron?.received_time; // kept from an earlier import or export
  const prior = rfc3339ToMicrosOr(received ?? '', -1);
  if (prior >= 0) return prior;
  mark(line, { received_time: microsToRfc3339(nowUs) });
  return nowUs;
}

/** `sourceBytes`: the size of the protobuf message the line was decoded from (live ingest), if it was. */
export function acceptTetragonLine(line: TetragonEventJson, sink: IngestSink, status: AgentStatus | null, nowUs = Date.now() * 1000, sourceBytes?: number): AcceptResult {
  const timeUs = timeOrReceived(line, line.time, nowUs);
  const kind = storedEventKind(line);
  if (kind === 'rate_limit_info') {
    const n = Number(line.rate_limit_info?.number_of_dropped_process_events ?? 0);
    if (status) status.upstreamLost += n;
    sink.lost({ source: status?.endpoint ?? 'import', count: n, reason: 'tetragon rate limit', atUs: timeUs });
  }
  const cut = capLine(line, sourceBytes);
  sink.acceptEvent(eventRecord(line));
  return { timeUs: kind === 'rate_limit_info' || kind === 'test' || kind === 'unknown' ? null : timeUs, error: null, ...(cut ? { cut } : {}) };
}

export function acceptHubbleLine(line: HubbleFlowJson, sink: IngestSink, status: AgentStatus | null, nowUs = Date.now() * 1000, sourceBytes?: number): AcceptResult {
  const timeUs = timeOrReceived(line, line.flow?.time ?? line.time, nowUs);
  if (line.lost_events) {
    const n = Number(line.lost_events.num_events_lost ?? 0);
    if (status) status.upstreamLost += n;
    sink.lost({ source: status?.endpoint ?? 'import', count: n, reason: `hubble ${String(line.lost_events.source ?? 'lost events')}`, atUs: timeUs });
  }
  const cut = capLine(line, sourceBytes);
  sink.acceptFlow(flowRecord(line));
  // Hubble resumes (`since`) from the last flow: a notice's time (often the relay's) does not count.
  return { timeUs: line.flow ? timeUs : null, error: null, ...(cut ? { cut } : {}) };
}

import { eventKindOf } from '@/lib/domain/event-summary';
import { rfc3339ToMicrosOr } from '@/lib/domain/time';
import type { HubbleFlowJson, TetragonEventJson } from '@/lib/domain/wire-types';
import type { EventRecord, FlowRecord } from '@/lib/server/store/store';
import type { AgentStatus } from './agent-status';
import { eventRecord, flowRecord } from './records';
import { capStrings, defaultMaxStringBytes } from './string-cap';

/**
 * Where decoded lines go (the ingest batcher), and the one place that decides what a line is:
 * a flow, a process event, or a notice (lost events, rate limits, node status) that becomes a
 * visible "events lost" marker rather than silence.
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
  timeUs: number | null;
  error: string | null;
  cut?: number; // strings cut to HOLOCRON_MAX_STRING_SIZE in this line
}

let maxStringBytes: number | null = null;
/** Every line, live or imported, passes here before it becomes a record: the one place strings are capped. */
function capLine(line: object): number {
  maxStringBytes ??= defaultMaxStringBytes();
  return capStrings(line, maxStringBytes);
}

export function acceptTetragonLine(line: TetragonEventJson, sink: IngestSink, status: AgentStatus | null): AcceptResult {
  const timeUs = rfc3339ToMicrosOr(line.time ?? '', -1);
  if (line.rate_limit_info) {
    const n = Number(line.rate_limit_info.number_of_dropped_process_events ?? 0);
    if (status) status.upstreamLost += n;
    sink.lost({ source: status?.endpoint ?? 'import', count: n, reason: 'tetragon rate limit', atUs: timeUs > 0 ? timeUs : Date.now() * 1000 });
    return { timeUs: null, error: null };
  }
  if (line.test) return { timeUs: null, error: null };
  if (!eventKindOf(line)) return { timeUs: null, error: 'a Tetragon message without a known event member was skipped' };
  if (timeUs < 0) return { timeUs: null, error: 'a Tetragon event without a valid time was skipped' };
  const cut = capLine(line);
  sink.acceptEvent(eventRecord(line));
  return { timeUs, error: null, cut };
}

export function acceptHubbleLine(line: HubbleFlowJson, sink: IngestSink, status: AgentStatus | null): AcceptResult {
  if (line.lost_events) {
    const n = Number(line.lost_events.num_events_lost ?? 0);
    if (status) status.upstreamLost += n;
    const at = rfc3339ToMicrosOr(line.time ?? '', Date.now() * 1000);
    sink.lost({ source: status?.endpoint ?? 'import', count: n, reason: `hubble ${line.lost_events.source ?? 'lost events'}`, atUs: at });
    return { timeUs: null, error: null };
  }
  if (line.node_status) return { timeUs: null, error: null };
  if (!line.flow) return { timeUs: null, error: 'a Hubble message without a flow was skipped' };
  const timeUs = rfc3339ToMicrosOr(line.flow.time ?? line.time ?? '', -1);
  if (timeUs < 0) return { timeUs: null, error: 'a flow without a valid time was skipped' };
  const cut = capLine(line);
  sink.acceptFlow(flowRecord(line));
  return { timeUs, error: null, cut };
}

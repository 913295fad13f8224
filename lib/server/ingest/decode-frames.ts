import type { HubbleFlowJson, TetragonEventJson } from '@/lib/domain/wire-types';
import type { EventRecord, FlowRecord } from '@/lib/server/store/store';
import protobuf from 'protobufjs';
import { anomalyCount, toProtoJson } from '@/lib/wire/to-protojson';
import { wireAnomalies } from '@/lib/wire/wire-anomalies';
import { wireTypes } from '@/lib/wire/wire-root';
import { acceptHubbleLine, acceptTetragonLine, type IngestSink, type LostNotice } from './accept-line';
import { newAgentStatus } from './agent-status';

/**
 * A batch of raw gRPC frames from one agent stream → what ingest does with them: records to
 * store, lost-event notices, and the counts and errors the stream's status reports. Pure (no
 * I/O, no shared state), so it runs the same in the decode worker and inline; the actions keep
 * the frames' order.
 */
export interface FrameBatch {
  kind: 'tetragon' | 'hubble';
  endpoint: string;
  frames: Uint8Array[];
}

export type IngestAction = { t: 'flow'; rec: FlowRecord } | { t: 'event'; rec: EventRecord } | { t: 'lost'; notice: LostNotice };

export interface DecodedBatch {
  actions: IngestAction[];
  received: number; // frames that decoded
  malformed: number; // frames that did not decode, and decoded lines that were skipped
  undecoded: number; // stored messages carrying fields or enum numbers this schema does not know
  upstreamLost: number;
  stringsCut: number; // strings cut to HOLOCRON_MAX_STRING_SIZE (string-cap.ts)
  lastTimeUs: number | null; // time of the last stored item (Hubble resumes from it)
  errors: string[]; // at most a few, for the throttled log
}

const MAX_ERRORS = 5;

export function decodeFrames(batch: FrameBatch): DecodedBatch {
  const w = wireTypes();
  const type = batch.kind === 'tetragon' ? w.GetEventsResponse : w.GetFlowsResponse;
  const out: DecodedBatch = { actions: [], received: 0, malformed: 0, undecoded: 0, upstreamLost: 0, stringsCut: 0, lastTimeUs: null, errors: [] };
  const status = newAgentStatus(batch.endpoint, batch.kind);
  const sink: IngestSink = {
    acceptFlow: (rec) => out.actions.push({ t: 'flow', rec }),
    acceptEvent: (rec) => out.actions.push({ t: 'event', rec }),
    lost: (notice) => out.actions.push({ t: 'lost', notice }),
  };
  const error = (msg: string) => {
    out.malformed++;
    if (out.errors.length < MAX_ERRORS) out.errors.push(msg);
  };
  for (const frame of batch.frames) {
    let json: Record<string, unknown>;
    try {
      // Unknown fields are kept (as their bytes) rather than skipped: a newer agent's evidence.
      const reader = protobuf.Reader.create(frame);
      reader.discardUnknown = false;
      const decoded = type.decode(reader) as unknown as Record<string, unknown>;
      const before = anomalyCount();
      json = toProtoJson(type, decoded);
      if (anomalyCount() !== before) {
        const found = wireAnomalies(type, decoded);
        const marks: Record<string, unknown> = {};
        if (found.unknown_fields.length) marks.unknown_fields = found.unknown_fields;
        if (found.unknown_enums.length) marks.unknown_enums = found.unknown_enums;
        json._holocron = marks;
        out.undecoded++;
      }
    } catch (e) {
      error(`dropped a malformed frame (${frame.length} bytes): ${(e as Error).message}`);
      continue;
    }
    out.received++;
    const result =
      batch.kind === 'tetragon'
        ? acceptTetragonLine(json as TetragonEventJson, sink, status, undefined, frame.length)
        : acceptHubbleLine(json as HubbleFlowJson, sink, status, undefined, frame.length);
    if (result.error) error(result.error);
    out.stringsCut += result.cut ?? 0;
    if (result.timeUs !== null) out.lastTimeUs = result.timeUs;
  }
  out.upstreamLost = status.upstreamLost;
  return out;
}

import type { ImportReport, ImportStoppedBody } from '@/lib/contract/import-report';
import { classifyLine } from '@/lib/agent/sources/file-source';
import type { HubbleFlowJson, TetragonEventJson } from '@/lib/domain/wire-types';
import { normalizeProtoJson } from '@/lib/wire/normalize-protojson';
import { wireTypes } from '@/lib/wire/wire-root';
import type { Hub } from '../hub';
import { HttpError } from '../http/http-error';
import { isDiskFull } from '../store/store-errors';
import { acceptHubbleLine, acceptTetragonLine, type IngestSink } from '../ingest/accept-line';
import { countStringsCut } from '../ingest/string-cap';
import type { EventRecord, FlowRecord } from '../store/store';

/**
 * POST /api/import: NDJSON of `tetra getevents -o json` / `hubble observe -o json` lines. Valid
 * lines are stored (duplicates by id are ignored, so re-importing a file adds nothing); bad lines
 * are reported by number with the reason, and do not stop the rest.
 */
const CHUNK = 2000;
const MAX_REPORTED_ERRORS = 100;

export type { ImportReport };

async function* lines(body: ReadableStream<Uint8Array>, maxBytes: number): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let buffered = '';
  let total = 0;
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      throw new HttpError(413, `upload exceeds the limit of ${maxBytes} bytes (HOLOCRON_MAX_UPLOAD_SIZE): the lines before the limit were imported (storedThroughLine), the rest was not read`);
    }
    buffered += decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      yield buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
    }
  }
  buffered += decoder.decode();
  if (buffered) yield buffered;
}

export async function importNdjson(hub: Hub, body: ReadableStream<Uint8Array>, maxBytes = 256 * 1024 ** 2): Promise<ImportReport> {
  const report: ImportReport = { lines: 0, flows: { added: 0, duplicates: 0 }, events: { added: 0, duplicates: 0 }, skipped: 0, unknown: 0, errors: [], errorCount: 0, stringsCut: 0 };
  const w = wireTypes();
  let flows: FlowRecord[] = [];
  let events: EventRecord[] = [];
  const sink: IngestSink = { acceptFlow: (r) => flows.push(r), acceptEvent: (r) => events.push(r), lost: () => {} };
  const fail = (line: number, error: string) => {
    report.errorCount++;
    if (report.errors.length < MAX_REPORTED_ERRORS) report.errors.push({ line, error });
  };
  let lastLine = 0;
  let storedThroughLine = 0;
  const flush = async () => {
    if (!flows.length && !events.length) {
      storedThroughLine = lastLine;
      return;
    }
    let r;
    try {
      r = await hub.store.insert(flows, events);
    } catch (e) {
      throw importStopped(e as Error, { ...report, storedThroughLine });
    }
    storedThroughLine = lastLine;
    report.flows.added += r.flows.length;
    report.flows.duplicates += flows.length - r.flows.length;
    report.events.added += r.events.length;
    report.events.duplicates += events.length - r.events.length;
    hub.live.publish([
      ...r.flows.map((summary, i) => ({ source: 'flows' as const, summary, json: r.flowJson[i]! })),
      ...r.events.map((summary, i) => ({ source: 'events' as const, summary, json: r.eventJson[i]! })),
    ]);
    flows = [];
    events = [];
  };
  try {
    for await (const text of lines(body, maxBytes)) {
      const n = ++report.lines;
      lastLine = n;
      if (!text.trim()) continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (e) {
        fail(n, `not JSON: ${(e as Error).message}`);
        continue;
      }
      const line = classifyLine(parsed);
      if (!line) {
        fail(n, 'neither a Tetragon event ({"process_exec":…}) nor a Hubble flow ({"flow":…})');
        continue;
      }
      try {
        const before = flows.length + events.length;
        const unknown: string[] = [];
        const type = line.stream === 'tetragon' ? w.GetEventsResponse : w.GetFlowsResponse;
        const json = normalizeProtoJson(type, line.json as Record<string, unknown>, '', unknown);
        if (unknown.length) {
          report.unknown++;
          const marks = (typeof json._holocron === 'object' && json._holocron !== null && !Array.isArray(json._holocron) ? json._holocron : {}) as Record<string, unknown>;
          json._holocron = { ...marks, unknown_keys: unknown.slice(0, 64) } as never;
        }
        const result = line.stream === 'tetragon' ? acceptTetragonLine(json as TetragonEventJson, sink, null) : acceptHubbleLine(json as HubbleFlowJson, sink, null);
        if (result.cut) {
          report.stringsCut += result.cut;
          countStringsCut(result.cut);
        }
        if (result.error) fail(n, result.error);
        else if (flows.length + events.length === before) report.skipped++;
      } catch (e) {
        fail(n, (e as Error).message);
      }
      if (flows.length + events.length >= CHUNK) await flush();
    }
  } catch (e) {
    // Over the size limit: store what came before it, then say how far it got (413).
    if (!(e instanceof HttpError) || e.status !== 413 || e instanceof ImportStopped) throw e;
    await flush();
    throw new ImportStopped(413, e.message, { ...report, storedThroughLine });
  }
  await flush();
  return report;
}

/**
 * The store refused a batch mid-import (a full disk, an I/O error): the answer says exactly how
 * far the file got — every line up to `storedThroughLine` is stored, none after it — so the rest
 * can be sent again once there is room (re-sending stored lines only counts duplicates).
 */
export class ImportStopped extends HttpError {
  constructor(
    status: number,
    message: string,
    readonly report: ImportReport,
  ) {
    super(status, message);
  }

  override toResponse(): Response {
    return Response.json({ error: this.message, ...this.report } satisfies ImportStoppedBody, { status: this.status });
  }
}

function importStopped(e: Error, report: ImportReport): ImportStopped {
  const through = report.storedThroughLine ?? 0;
  const stored =
    through === 0
      ? 'no line of this upload is stored'
      : `lines 1–${through} are stored (${report.flows.added} flows and ${report.events.added} events added), nothing after line ${through}`;
  if (isDiskFull(e)) return new ImportStopped(507, `the store's disk is full (${e.message}): ${stored}; free space and send the rest again`, report);
  return new ImportStopped(503, `the store refused a batch (${e.message}): ${stored}; send the rest again`, report);
}

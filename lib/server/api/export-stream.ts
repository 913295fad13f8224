import type { QuerySource } from '@/lib/domain/query/kinds';
import { badParam } from '../http/http-error';
import { parseListParams, type ListParams } from '../http/list-params';
import type { Store } from '../store/store';
import { exportLine } from './export-line';

/**
 * /api/export: the matching rows as upstream protojson lines (NDJSON, like `tetra getevents -o
 * json` / `hubble observe -o json`) or one JSON array. Pulled batch by batch as the client reads,
 * so a large export never sits in memory and a client that goes away stops the query.
 */
export interface ExportParams extends ListParams {
  source: QuerySource;
  format: 'ndjson' | 'json';
}

export function parseExportParams(search: URLSearchParams): ExportParams {
  const source = search.get('source');
  if (source !== 'flows' && source !== 'events') throw badParam('source', 'must be flows or events');
  const format = search.get('format') ?? 'ndjson';
  if (format !== 'ndjson' && format !== 'json') throw badParam('format', 'must be ndjson or json');
  return { ...parseListParams(source, search), source, format };
}

export function exportStream(store: Store, p: ExportParams, signal: AbortSignal): Response {
  const iterator = store
    .exportRows(p.source, { q: p.q, sinceUs: p.sinceUs, untilUs: p.untilUs })
    [Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  let first = true;
  let done = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (done) return;
      if (signal.aborted) {
        done = true;
        await iterator.return?.();
        controller.close();
        return;
      }
      const next = await iterator.next();
      if (next.done) {
        done = true;
        if (p.format === 'json') controller.enqueue(encoder.encode(first ? '[]\n' : '\n]\n'));
        controller.close();
        return;
      }
      let chunk: string;
      if (p.format === 'ndjson') chunk = next.value.map((r) => exportLine(r.json)).join('\n') + '\n';
      else {
        chunk = (first ? '[\n' : ',\n') + next.value.map((r) => exportLine(r.json)).join(',\n');
        first = false;
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      done = true;
      await iterator.return?.();
    },
  });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const ext = p.format === 'ndjson' ? 'ndjson' : 'json';
  return new Response(body, {
    headers: {
      'content-type': p.format === 'ndjson' ? 'application/x-ndjson; charset=utf-8' : 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="holocron-${p.source}-${stamp}.${ext}"`,
      'cache-control': 'no-store',
    },
  });
}

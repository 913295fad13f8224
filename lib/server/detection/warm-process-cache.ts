import { parseQuery } from '@/lib/domain/query/parse';
import type { TetragonEventJson } from '@/lib/domain/wire-types';
import type { ProcessEventStore } from '../store/store';
import type { ProcessCache } from './process-cache';

const PAGE = 1000;

/**
 * After a restart the process cache is empty while the store still knows every running
 * process: refill it from the newest stored exec events, in pages, yielding between them.
 */
export async function warmProcessCache(store: ProcessEventStore, cache: ProcessCache, limit = Math.min(cache.capacity, 20_000)): Promise<number> {
  const q = parseQuery('event-type=exec', 'events');
  let cursor: string | null = null;
  let seen = 0;
  while (seen < limit) {
    const page = await store.listEvents({ q, sinceUs: null, untilUs: null, limit: Math.min(PAGE, limit - seen), cursor });
    for (const row of page.rows) {
      try {
        const line = JSON.parse(row.json) as TetragonEventJson;
        cache.setIfAbsent(line.process_exec?.process);
      } catch {
        // a damaged row is skipped; it was validated at ingest
      }
    }
    seen += page.rows.length;
    if (!page.next) break;
    cursor = page.next;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return seen;
}

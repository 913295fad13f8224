import zlib from 'node:zlib';
import type { QueryCase } from '../data/query-suite';
import type { NextServer } from './next-server';
import { sleep, summarize, type Timing } from './stats';

/**
 * The API as responders' browsers use it, over HTTP: the query cases' requests in turn, started
 * at a steady `perSecond` (open loop: a slow answer does not slow the arrivals, as with people
 * clicking), each response read to the end, for `seconds`. Latency per case and over all.
 */
export interface ApiLoadResult {
  all: Timing;
  byCase: Record<string, Timing>;
  requests: number;
  errors: string[];
}

export async function apiLoad(server: NextServer, cases: readonly QueryCase[], seconds: number, perSecond: number): Promise<ApiLoadResult> {
  const times = new Map<string, number[]>(cases.map((c) => [c.id, []]));
  const errors: string[] = [];
  const one = async (c: QueryCase) => {
    const t = performance.now();
    try {
      const res = await server.get(c.http, c.accept ? { accept: c.accept } : {});
      const body = await res.arrayBuffer();
      // A gzip body is unpacked, as the browser does (DecompressionStream), as fetch unpacks Next's gzip.
      if ((res.headers.get('content-type') ?? '').startsWith('application/gzip')) zlib.gunzipSync(new Uint8Array(body));
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      times.get(c.id)!.push(performance.now() - t);
    } catch (e) {
      if (errors.length < 10) errors.push(`${c.http}: ${(e as Error).message}`);
    }
  };
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; performance.now() - started < seconds * 1000; i++) {
    inFlight.push(one(cases[i % cases.length]!));
    const due = ((i + 1) / perSecond) * 1000 - (performance.now() - started);
    if (due > 0) await sleep(due);
  }
  await Promise.all(inFlight);
  const all = [...times.values()].flat();
  return {
    all: summarize(all),
    byCase: Object.fromEntries([...times].filter(([, v]) => v.length).map(([k, v]) => [k, summarize(v)])),
    requests: all.length,
    errors,
  };
}

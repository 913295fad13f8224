import { nowMs } from './stats';

/**
 * End-to-end latency as a browser sees it: an /api/stream (Server-Sent Events) reader that
 * records, for every item received, now − the item's time. The feeder stamps each item with its
 * emit time (stamped mode), so this is agent emit → stored → live fan-out → SSE batch → received.
 * Same machine, same clock.
 */
export interface SseLatency {
  latenciesMs: number[];
  received: number;
  lost: number;
  /** Start (or restart) recording; items before are ignored. */
  record(on: boolean): void;
  close(): void;
}

interface WireItem {
  source: string;
  item: { ts?: number };
}

export async function openSseLatency(url: string, token: string, source = 'all'): Promise<SseLatency> {
  const abort = new AbortController();
  const res = await fetch(`${url}/api/stream?source=${source}`, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
  if (!res.ok || !res.body) throw new Error(`/api/stream: HTTP ${res.status}`);
  const state: SseLatency = {
    latenciesMs: [],
    received: 0,
    lost: 0,
    record(on) {
      recording = on;
      if (on) state.latenciesMs = [];
    },
    close: () => abort.abort(),
  };
  let recording = false;
  const decoder = new TextDecoder();
  let buffer = '';
  const onEvent = (block: string) => {
    let event = 'message';
    let data = '';
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data += line.slice(6);
    }
    if (event === 'lost') state.lost += Number((JSON.parse(data) as { count?: number }).count ?? 0);
    if (event !== 'batch') return;
    const at = nowMs();
    for (const w of JSON.parse(data) as WireItem[]) {
      state.received++;
      if (recording && typeof w.item.ts === 'number') state.latenciesMs.push(at - w.item.ts / 1000);
    }
  };
  void (async () => {
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          onEvent(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      /* closed */
    }
  })();
  return state;
}

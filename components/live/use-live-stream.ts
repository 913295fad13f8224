'use client';

import { useEffect, useRef, useState } from 'react';
import { appUrl } from '@/components/url-state/app-url';

/**
 * Subscribes to /api/stream (Server-Sent Events). EventSource reconnects by itself and sends
 * Last-Event-ID, so the server resumes where this tab left off; `lost` counts what the server
 * reports as dropped (this tab too slow, or the agent's own losses).
 */
export interface LiveBatchItem {
  seq: number;
  source: 'flows' | 'events' | 'alerts';
  item: unknown;
}

export function useLiveStream(
  params: { source: 'flows' | 'events' | 'all' | 'alerts'; q?: string; paused?: boolean },
  onBatch: (batch: LiveBatchItem[]) => void,
): { connected: boolean; lost: number } {
  const [connected, setConnected] = useState(false);
  const [lost, setLost] = useState(0);
  const handler = useRef(onBatch);
  handler.current = onBatch;

  useEffect(() => {
    if (params.paused) return;
    const search = new URLSearchParams({ source: params.source });
    if (params.q) search.set('q', params.q);
    const es = new EventSource(appUrl(`/api/stream?${search}`));
    es.addEventListener('hello', () => setConnected(true));
    es.addEventListener('batch', (e) => handler.current(JSON.parse((e as MessageEvent<string>).data) as LiveBatchItem[]));
    es.addEventListener('lost', (e) => setLost((n) => n + Number(JSON.parse((e as MessageEvent<string>).data).count ?? 0)));
    es.onerror = () => setConnected(false);
    return () => es.close();
  }, [params.source, params.q, params.paused]);

  return { connected, lost };
}

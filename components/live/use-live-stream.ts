'use client';

import { useEffect, useRef, useState } from 'react';
import { onLiveMessage } from '@/components/api/live-message';
import { appUrl } from '@/components/url-state/app-url';
import type { LiveBatchItem, LiveStreamSource } from '@/lib/contract/stream';

/**
 * Subscribes to /api/stream (Server-Sent Events). EventSource reconnects by itself and sends
 * Last-Event-ID, so the server resumes where this tab left off; `lost` counts what the server
 * reports as dropped (this tab too slow, or the agent's own losses). Messages are typed by the
 * contract (lib/contract/stream.ts): a batch item's `source` tells what its `item` is.
 */
export type { LiveBatchItem };

export function useLiveStream(
  params: { source: LiveStreamSource; q?: string; paused?: boolean },
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
    onLiveMessage(es, 'hello', () => setConnected(true));
    onLiveMessage(es, 'batch', (batch) => handler.current(batch));
    onLiveMessage(es, 'lost', (lost) => setLost((n) => n + Number(lost.count ?? 0)));
    es.onerror = () => setConnected(false);
    return () => es.close();
  }, [params.source, params.q, params.paused]);

  return { connected, lost };
}

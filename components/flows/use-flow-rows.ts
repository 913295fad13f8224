'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { useLiveStream, type LiveBatchItem } from '@/components/live/use-live-stream';
import type { FlowSort } from '@/lib/domain/flow-list/flow-sort';
import { FlowWindow, type FlowWindowSnapshot } from '@/lib/domain/flow-list/flow-window';
import { lossOfFlowSummary, withLoss, type WithLoss } from '@/lib/domain/loss-line';
import type { FlowSummary } from '@/lib/domain/records';
import { apiFetch } from '@/components/api/api-fetch';

/**
 * The rows of the flows view: the first page of /api/flows for the current filter and time range,
 * older pages on demand (cursor paging, `next`), and the live tail over SSE — all merged in a
 * FlowWindow (bounded, deduplicated, sorted). One React state update per page or SSE batch.
 */
export const MAX_ROWS = 100_000;
const FIRST_PAGE = 500;
const OLDER_PAGE = 1000;

export type LoadState = { kind: 'loading' } | { kind: 'ready' } | { kind: 'error'; message: string };

export interface FlowRows {
  snapshot: FlowWindowSnapshot;
  load: LoadState;
  loadingOlder: boolean;
  olderError: string | null;
  live: { enabled: boolean; connected: boolean; lost: number };
  loadOlder: (retry?: boolean) => void;
  reload: () => void;
}

async function fetchPage(dataParams: string, extra: Record<string, string>, signal: AbortSignal) {
  const params = new URLSearchParams(dataParams);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  params.set('fields', 'summary');
  // A gzip body (gzipped on the server's reader thread at a fast level; unpacked by apiFetch).
  const res = await apiFetch('GET /api/flows', { query: params, signal, gzipBody: true });
  if (!res.ok) throw new Error(res.error.message);
  // Loss lines come with their upstream object (everything else without): keep what they say.
  return { items: res.data.items.map((i) => withLoss(i)), next: res.data.next };
}

export function useFlowRows(opts: {
  dataParams: string; // q/since/until as the API takes them
  liveQ: string; // the filter for the live stream
  liveEnabled: boolean; // open-ended time range and a valid filter
  sort: FlowSort;
  holding: boolean; // paused, or scrolled away from the top
  enabled: boolean; // false while the filter has an error
}): FlowRows {
  const win = useRef<FlowWindow | null>(null);
  win.current ??= new FlowWindow(MAX_ROWS, opts.sort);
  const [snapshot, setSnapshot] = useState(() => win.current!.snapshot());
  const [load, setLoad] = useState<LoadState>({ kind: 'loading' });
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [olderError, setOlderError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const olderAbort = useRef<AbortController | null>(null);
  // After a failed page, scrolling does not hammer the server: only the retry button asks again.
  const olderFailed = useRef(false);
  const publish = useCallback(() => setSnapshot(win.current!.snapshot()), []);

  // A new filter or time range (or an explicit reload): start over from the newest page.
  useEffect(() => {
    const w = win.current!;
    w.clear();
    olderAbort.current?.abort();
    setLoadingOlder(false);
    setOlderError(null);
    olderFailed.current = false;
    publish();
    if (!opts.enabled) return;
    const abort = new AbortController();
    setLoad({ kind: 'loading' });
    fetchPage(opts.dataParams, { limit: String(FIRST_PAGE) }, abort.signal)
      .then((page) => {
        w.addHistory(page.items, page.next);
        publish();
        setLoad({ kind: 'ready' });
      })
      .catch((e: Error) => {
        if (!abort.signal.aborted) setLoad({ kind: 'error', message: e.message });
      });
    return () => abort.abort();
  }, [opts.dataParams, opts.enabled, generation, publish]);

  useEffect(() => {
    win.current!.setSort(opts.sort);
    publish();
  }, [opts.sort, publish]);

  useEffect(() => {
    win.current!.setHolding(opts.holding);
    publish();
  }, [opts.holding, publish]);

  const onBatch = useCallback(
    (batch: LiveBatchItem[]) => {
      const rows: WithLoss<FlowSummary>[] = [];
      for (const b of batch) {
        if (b.source !== 'flows') continue;
        const loss = lossOfFlowSummary(b.item);
        rows.push(loss ? { ...b.item, loss } : b.item);
      }
      win.current!.addLive(rows);
      publish();
    },
    [publish],
  );
  const { connected, lost } = useLiveStream(
    { source: 'flows', q: opts.liveQ, paused: !opts.liveEnabled || !opts.enabled },
    onBatch,
  );

  const loadOlder = useCallback((retry = false) => {
    const w = win.current!;
    const older = w.snapshot().older;
    if (older === 'end' || olderAbort.current || w.snapshot().rows.length === 0) return;
    if (olderFailed.current && !retry) return;
    olderFailed.current = false;
    const abort = new AbortController();
    olderAbort.current = abort;
    setLoadingOlder(true);
    setOlderError(null);
    const extra: Record<string, string> = { limit: String(OLDER_PAGE) };
    if (older.cursor) extra.cursor = older.cursor;
    if (older.until) extra.until = older.until;
    fetchPage(opts.dataParams, extra, abort.signal)
      .then((page) => {
        if (abort.signal.aborted) return;
        w.addHistory(page.items, page.next);
        publish();
      })
      .catch((e: Error) => {
        if (abort.signal.aborted) return;
        olderFailed.current = true;
        setOlderError(e.message);
      })
      .finally(() => {
        if (olderAbort.current === abort) {
          olderAbort.current = null;
          setLoadingOlder(false);
        }
      });
  }, [opts.dataParams, publish]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  return {
    snapshot,
    load,
    loadingOlder,
    olderError,
    live: { enabled: opts.liveEnabled && opts.enabled, connected, lost },
    loadOlder,
    reload,
  };
}

'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { useLiveStream } from '@/components/live/use-live-stream';
import type { EventsPage } from '@/lib/contract/events';
import { rowFromItem, toEventRow, type EventRow } from './event-row';
import { eventsDataParams, isOpenEnded, type ProcessesSearch } from './search-params';
import { apiFetch } from '@/components/api/api-fetch';

/**
 * The table's data: the newest page of stored events, older pages on demand (cursor paging as the
 * user scrolls into history), and new events over SSE while the view is live. New events go on
 * top only while the user is at the top; otherwise they wait as "N new" so rows never move under
 * the pointer. Bounded: past MAX_ROWS the live tail stops and says why.
 */
const PAGE = 200;
export const MAX_ROWS = 100_000;

export interface EventFeed {
  rows: EventRow[];
  state: 'loading' | 'ready' | 'error';
  error: string | null;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore(): void;
  connected: boolean;
  live: boolean;
  lost: number;
  pending: number;
  showPending(): void;
  setFollowing(atTop: boolean): void;
  full: boolean;
}

async function fetchPage(params: URLSearchParams, signal: AbortSignal): Promise<EventsPage> {
  const res = await apiFetch('GET /api/events', { query: params, signal, gzipBody: true });
  if (!res.ok) throw new Error(res.error.message);
  return res.data;
}

export function useEventFeed(search: ProcessesSearch): EventFeed {
  const [rows, setRows] = useState<EventRow[]>([]);
  const [state, setState] = useState<EventFeed['state']>('loading');
  const [error, setError] = useState<string | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  // Held in a ref (state updaters must stay pure: strict mode runs them twice); the count renders.
  const pendingRows = useRef<EventRow[]>([]);
  const [pending, setPendingCount] = useState(0);
  const ids = useRef(new Set<string>());
  const following = useRef(true);
  // The older-page load in flight: a new filter aborts it, so its rows never join the new list.
  const olderAbort = useRef<AbortController | null>(null);
  const dataKey = eventsDataParams(search).toString();

  useEffect(() => {
    const abort = new AbortController();
    olderAbort.current?.abort();
    // A new list starts at the top (the table remounts there without a scroll event to say so).
    following.current = true;
    setState('loading');
    setError(null);
    pendingRows.current = [];
    setPendingCount(0);
    const params = new URLSearchParams(dataKey);
    params.set('limit', String(PAGE));
    fetchPage(params, abort.signal)
      .then((page) => {
        const first = page.items.map(rowFromItem);
        ids.current = new Set(first.map((r) => r.id));
        setRows(first);
        setNext(page.next);
        setState('ready');
      })
      .catch((e: Error) => {
        if (abort.signal.aborted) return;
        setRows([]);
        setNext(null);
        setError(e.message);
        setState('error');
      });
    return () => abort.abort();
  }, [dataKey]);

  const loadMore = useCallback(() => {
    if (!next || loadingMore) return;
    setLoadingMore(true);
    const params = new URLSearchParams(dataKey);
    params.set('limit', String(PAGE));
    params.set('cursor', next);
    const abort = new AbortController();
    olderAbort.current = abort;
    fetchPage(params, abort.signal)
      .then((page) => {
        if (abort.signal.aborted) return;
        const older = page.items.map(rowFromItem).filter((r) => !ids.current.has(r.id));
        for (const r of older) ids.current.add(r.id);
        setRows((prev) => [...prev, ...older]);
        setNext(page.next);
      })
      .catch((e: Error) => {
        if (!abort.signal.aborted) setError(`Loading older events failed: ${e.message}`);
      })
      .finally(() => setLoadingMore(false));
  }, [next, loadingMore, dataKey]);

  const full = rows.length + pending >= MAX_ROWS;
  const live = !search.paused && isOpenEnded(search) && state === 'ready' && !full;
  const { connected, lost } = useLiveStream({ source: 'events', q: search.q.trim() || undefined, paused: !live }, (batch) => {
    const fresh: EventRow[] = [];
    for (const b of batch) {
      if (b.source !== 'events' || ids.current.has(b.item.id)) continue;
      ids.current.add(b.item.id);
      fresh.push(toEventRow(b.item));
    }
    if (fresh.length === 0) return;
    fresh.reverse(); // newest first
    if (following.current) setRows((prev) => [...fresh, ...prev]);
    else {
      pendingRows.current = [...fresh, ...pendingRows.current];
      setPendingCount(pendingRows.current.length);
    }
  });

  // Resuming after a pause: what arrived meanwhile is in the store, so fetch the newest page and
  // put the rows this tab has not seen on top (or into "N new" while the user is scrolled away).
  const wasPaused = useRef(search.paused);
  useEffect(() => {
    const resumed = wasPaused.current && !search.paused;
    wasPaused.current = search.paused;
    if (!resumed || !live) return;
    const abort = new AbortController();
    const params = new URLSearchParams(dataKey);
    params.set('limit', String(PAGE));
    fetchPage(params, abort.signal)
      .then((page) => {
        const missed = page.items.map(rowFromItem).filter((r) => !ids.current.has(r.id));
        for (const r of missed) ids.current.add(r.id);
        if (missed.length === 0) return;
        if (following.current) setRows((prev) => [...missed, ...prev]);
        else {
          pendingRows.current = [...missed, ...pendingRows.current];
          setPendingCount(pendingRows.current.length);
        }
      })
      .catch(() => {
        /* the live stream still runs; a failed catch-up only leaves a gap the user can reload */
      });
    return () => abort.abort();
    // `live` and `dataKey` are read at the moment of resuming; only a change of `paused` triggers it.
  }, [search.paused]); // eslint-disable-line react-hooks/exhaustive-deps

  const showPending = useCallback(() => {
    const waiting = pendingRows.current;
    if (waiting.length === 0) return;
    pendingRows.current = [];
    setPendingCount(0);
    setRows((prev) => [...waiting, ...prev]);
  }, []);

  const setFollowing = useCallback(
    (atTop: boolean) => {
      following.current = atTop;
      if (atTop) showPending();
    },
    [showPending],
  );

  return {
    rows,
    state,
    error,
    hasMore: next !== null,
    loadingMore,
    loadMore,
    connected: live && connected,
    live,
    lost,
    pending,
    showPending,
    setFollowing,
    full,
  };
}

'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useLiveStream } from '@/components/live/use-live-stream';
import { alertMatches, type AlertFilter } from '@/lib/domain/alerts/alert-filter';
import type { AlertSummary } from '@/lib/domain/alerts/alert-types';

/**
 * The alert list as the server rendered it, kept live: alerts that arrive over SSE and match
 * the page's filters are merged in at once (a repeat updates its row's count), and the
 * server-computed counts and timeline are refreshed shortly after, batched, so a burst of
 * alerts costs one refresh.
 */
const REFRESH_DELAY_MS = 1000;

export function useLiveAlerts(
  serverItems: AlertSummary[],
  filter: AlertFilter,
  range: { sinceUs: number | null; untilUs: number | null },
): { items: AlertSummary[]; fresh: ReadonlySet<string>; connected: boolean } {
  const router = useRouter();
  const [live, setLive] = useState<Map<string, AlertSummary>>(() => new Map());
  const [fresh, setFresh] = useState<Set<string>>(() => new Set());
  const refresh = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => () => {
    if (refresh.current) clearTimeout(refresh.current);
  }, []);

  const { connected } = useLiveStream({ source: 'alerts' }, (batch) => {
    const arrived = batch.flatMap((b) => (b.source === 'alerts' ? [b.item] : [])).filter((a) => alertMatches(a, filter, range));
    if (arrived.length === 0) return;
    setLive((prev) => {
      const next = new Map(prev);
      for (const { change: _change, ...a } of arrived) next.set(a.id, a);
      return next;
    });
    setFresh((prev) => new Set([...prev, ...arrived.map((a) => a.id)]));
    if (!refresh.current) {
      refresh.current = setTimeout(() => {
        refresh.current = null;
        router.refresh();
      }, REFRESH_DELAY_MS);
    }
  });

  const items = useMemo(() => {
    const byId = new Map(serverItems.map((a) => [a.id, a]));
    for (const a of live.values()) {
      const known = byId.get(a.id);
      if (!known || a.count > known.count || a.lastSeenUs > known.lastSeenUs) byId.set(a.id, a);
    }
    return [...byId.values()].sort((a, b) => b.ts - a.ts || (a.id < b.id ? 1 : -1));
  }, [serverItems, live]);

  return { items, fresh, connected };
}

'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { ServiceMap } from '@/lib/domain/service-map/service-map';
import { appUrl } from '@/components/url-state/app-url';

/**
 * GET /api/map for the view's q and time range, refreshed every few seconds while new flows can
 * still fall in the window. An answer identical to the last one is dropped before it reaches
 * React, so a quiet cluster costs one fetch per tick and no re-render or re-layout.
 */
export interface MapWindow {
  since: string;
  until: string;
  sinceUs: number;
  untilUs: number;
  flows: number;
  truncated: boolean;
}

export interface MapAnswer extends ServiceMap {
  window: MapWindow;
}

export interface ServiceMapState {
  /** Keeps its identity while the map is unchanged (no re-layout on a quiet refresh). */
  map: ServiceMap | null;
  window: MapWindow | null;
  error: { message: string; param: string | null } | null;
  loading: boolean;
  refreshedAt: number | null;
  refresh: () => void;
}

export const REFRESH_MS = 5000;

export function useServiceMap(dataParams: string, live: boolean): ServiceMapState {
  const [map, setMap] = useState<ServiceMap | null>(null);
  const [mapWindow, setMapWindow] = useState<MapWindow | null>(null);
  const [error, setError] = useState<ServiceMapState['error']>(null);
  const [loading, setLoading] = useState(true);
  const [refreshedAt, setRefreshedAt] = useState<number | null>(null);
  const [tick, setTick] = useState(0);
  const lastText = useRef<string | null>(null);
  const lastParams = useRef<string | null>(null);
  const inFlight = useRef(false);

  useEffect(() => {
    const controller = new AbortController();
    inFlight.current = true;
    if (lastParams.current !== dataParams) {
      lastParams.current = dataParams;
      lastText.current = null;
      setLoading(true);
    }
    (async () => {
      try {
        const res = await fetch(appUrl(`/api/map?${dataParams}`), { cache: 'no-store', signal: controller.signal });
        const text = await res.text();
        if (!res.ok) {
          let body: { error?: string; param?: string } = {};
          try {
            body = JSON.parse(text) as typeof body;
          } catch {
            /* not JSON: the status says enough */
          }
          setError({ message: body.error ?? `the server answered ${res.status}`, param: body.param ?? null });
          if (res.status === 400) {
            lastText.current = null;
            setMap(null);
            setMapWindow(null);
          }
        } else {
          setError(null);
          // Only the window's times change when nothing else did: compare the text before them
          // (the API sends `window` last), and parse a big map only when it changed.
          const cut = text.lastIndexOf(',"window":');
          const key = cut > 0 ? text.slice(0, cut) : text;
          if (key !== lastText.current) {
            const { window: answered, ...parsed } = JSON.parse(text) as MapAnswer;
            lastText.current = key;
            setMap(parsed);
            setMapWindow(answered);
          } else {
            setMapWindow((JSON.parse(`{${text.slice(cut + 1)}`) as { window: MapWindow }).window);
          }
        }
        setRefreshedAt(Date.now());
      } catch (e) {
        if (controller.signal.aborted) return;
        setError({ message: `cannot reach the server (${(e as Error).message})`, param: null });
      } finally {
        if (!controller.signal.aborted) {
          inFlight.current = false;
          setLoading(false);
        }
      }
    })();
    return () => controller.abort();
  }, [dataParams, tick]);

  useEffect(() => {
    if (!live) return;
    const t = setInterval(() => {
      // A slow answer is waited for, not aborted by the next tick.
      if (document.visibilityState === 'visible' && !inFlight.current) setTick((n) => n + 1);
    }, REFRESH_MS);
    return () => clearInterval(t);
  }, [live]);

  const refresh = useCallback(() => setTick((n) => n + 1), []);
  return { map, window: mapWindow, error, loading, refreshedAt, refresh };
}

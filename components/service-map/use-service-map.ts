'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { apiFetchText, parseAnswer } from '@/components/api/api-fetch';
import { splitMapAnswer, type MapAnswer, type MapWindow } from '@/lib/contract/map';
import type { ServiceMap } from '@/lib/domain/service-map/service-map';

/**
 * GET /api/map for the view's q and time range, refreshed every few seconds while new flows can
 * still fall in the window. An answer identical to the last one is dropped before it reaches
 * React, so a quiet cluster costs one fetch per tick and no re-render or re-layout.
 */
export type { MapAnswer, MapWindow };

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
      const res = await apiFetchText('GET /api/map', { query: dataParams, signal: controller.signal });
      if (controller.signal.aborted) return;
      inFlight.current = false;
      setLoading(false);
      if (!res.ok) {
        const { status, message, parameter } = res.error;
        if (status === 0) {
          setError({ message: `cannot reach the server (${message})`, param: null });
          return;
        }
        setError({ message, param: parameter ?? null });
        if (status === 400) {
          lastText.current = null;
          setMap(null);
          setMapWindow(null);
        }
        setRefreshedAt(Date.now());
        return;
      }
      // Only the window's times change when nothing else did: compare the text before them
      // (the API sends `window` last), and parse a big map only when it changed.
      const { key, window } = splitMapAnswer(res.data);
      if (key !== lastText.current || !window) {
        const parsed = parseAnswer(res.data);
        if (!parsed.ok) return setError({ message: parsed.error.message, param: null });
        const { window: answered, ...map } = parsed.data;
        lastText.current = key;
        setMap(map);
        setMapWindow(answered);
      } else {
        const parsed = parseAnswer(window);
        if (!parsed.ok) return setError({ message: parsed.error.message, param: null });
        setMapWindow(parsed.data);
      }
      setError(null);
      setRefreshedAt(Date.now());
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

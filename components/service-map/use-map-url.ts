'use client';

import { useSearchParams } from 'next/navigation';
import { useCallback, useMemo, useRef } from 'react';
import { mapHref, parseMapSearch, type MapSearch } from './search-params';
import { appUrl } from '@/components/url-state/app-url';

/**
 * The /map view state from the URL, and a setter that writes it back with native history calls
 * (Next keeps useSearchParams in sync without a server round trip). Filters and time ranges push
 * a history entry so Back undoes them; viewport and selection replace the current one.
 */
export function useMapUrl(): { state: MapSearch; update: (patch: Partial<MapSearch>, mode?: 'push' | 'replace') => void } {
  const params = useSearchParams();
  const state = useMemo(() => parseMapSearch(new URLSearchParams(params.toString())), [params]);
  const latest = useRef(state);
  latest.current = state;
  const update = useCallback((patch: Partial<MapSearch>, mode: 'push' | 'replace' = 'replace') => {
    const next = { ...latest.current, ...patch };
    latest.current = next; // several updates before the next render build on each other
    const href = mapHref(next);
    if (mode === 'push') window.history.pushState(null, '', appUrl(href));
    else window.history.replaceState(null, '', appUrl(href));
  }, []);
  return { state, update };
}

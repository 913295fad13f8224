'use client';

import { useSearchParams } from 'next/navigation';
import { useCallback, useMemo, useRef } from 'react';
import { flowsHref, parseFlowsSearch, type FlowsSearch } from './search-params';
import { appUrl } from '@/components/url-state/app-url';

/**
 * The /flows view state from the URL, and a setter that writes it back. Native history calls
 * keep Next's useSearchParams in sync without a server round trip; filters and time ranges push
 * a history entry (Back undoes them), selection, columns and sort replace the current one.
 */
export function useFlowsUrl(): { state: FlowsSearch; update: (patch: Partial<FlowsSearch>, mode?: 'push' | 'replace') => void } {
  const params = useSearchParams();
  const state = useMemo(() => parseFlowsSearch(new URLSearchParams(params.toString())), [params]);
  const latest = useRef(state);
  latest.current = state;
  const update = useCallback((patch: Partial<FlowsSearch>, mode: 'push' | 'replace' = 'replace') => {
    const next = { ...latest.current, ...patch };
    latest.current = next; // several updates before the next render build on each other
    const href = flowsHref(next);
    if (mode === 'push') window.history.pushState(null, '', appUrl(href));
    else window.history.replaceState(null, '', appUrl(href));
  }, []);
  return { state, update };
}

'use client';

import { useSearchParams } from 'next/navigation';
import { useCallback, useMemo, useRef } from 'react';
import { appUrl } from '@/components/url-state/app-url';

export type HistoryMode = 'push' | 'replace';

/**
 * A view's state from the URL, and a setter that writes a patch back. Native history calls keep
 * Next's useSearchParams in sync without a server round trip. `push` adds a history entry (Back
 * undoes a filter or a time range), `replace` (the default) rewrites the current one (selection,
 * columns, viewport). `parse` and `href` are the view's search-params.ts pair, so the server page
 * and the client read a link the same way.
 */
export function useUrlState<S>(
  parse: (params: URLSearchParams) => S,
  href: (state: S) => string,
): { state: S; update: (patch: Partial<S>, mode?: HistoryMode) => void } {
  const params = useSearchParams();
  const state = useMemo(() => parse(new URLSearchParams(params.toString())), [params, parse]);
  const latest = useRef(state);
  latest.current = state;
  const update = useCallback(
    (patch: Partial<S>, mode: HistoryMode = 'replace') => {
      const next = { ...latest.current, ...patch };
      latest.current = next; // several updates before the next render build on each other
      const url = appUrl(href(next));
      if (mode === 'push') window.history.pushState(null, '', url);
      else window.history.replaceState(null, '', url);
    },
    [href],
  );
  return { state, update };
}

'use client';

import { useEffect, useRef, useState } from 'react';
import type { QuerySource } from '@/lib/domain/query/kinds';
import type { Direction } from '@/lib/domain/query/parse';
import { appUrl } from '@/components/url-state/app-url';

/**
 * Values seen recently for the kind being typed (GET /api/suggest), debounced and cancelled when
 * the text changes again; answers are cached for the life of the component, so backspacing is
 * instant. `null` kind: nothing to fetch.
 */
export interface SuggestedValue {
  value: string;
  count: number;
}

const DEBOUNCE_MS = 120;

export function useValueSuggestions(
  source: QuerySource,
  want: { kind: string; direction: Direction; prefix: string } | null,
): { values: SuggestedValue[]; loading: boolean } {
  const [state, setState] = useState<{ key: string; values: SuggestedValue[] }>({ key: '', values: [] });
  const cache = useRef(new Map<string, SuggestedValue[]>());
  const key = want ? `${source}|${want.kind}|${want.direction}|${want.prefix}` : '';

  useEffect(() => {
    if (!want) return;
    const cached = cache.current.get(key);
    if (cached) {
      setState({ key, values: cached });
      return;
    }
    const abort = new AbortController();
    const timer = setTimeout(async () => {
      const params = new URLSearchParams({ source, kind: want.kind, prefix: want.prefix, limit: '20' });
      if (want.direction !== 'either') params.set('direction', want.direction);
      try {
        const res = await fetch(appUrl(`/api/suggest?${params}`), { signal: abort.signal });
        if (!res.ok) return;
        const body = (await res.json()) as { values: SuggestedValue[] };
        cache.current.set(key, body.values);
        if (cache.current.size > 200) cache.current.delete(cache.current.keys().next().value!);
        setState({ key, values: body.values });
      } catch {
        /* aborted or offline: keep the old list */
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
    // `want` is read through `key`, which names every field of it.
  }, [key, source]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!want) return { values: [], loading: false };
  // While a new answer is on its way the previous list stays up (less flicker while typing).
  return { values: state.values, loading: state.key !== key };
}

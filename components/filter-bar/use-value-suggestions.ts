'use client';

import { useEffect, useRef, useState } from 'react';
import type { QuerySource } from '@/lib/domain/query/kinds';
import type { Direction } from '@/lib/domain/query/parse';
import { apiFetch } from '@/components/api/api-fetch';
import type { SuggestedValue } from '@/lib/contract/suggest';

/**
 * Values seen recently for the kind being typed (GET /api/suggest), debounced and cancelled when
 * the text changes again; answers are cached for the life of the component, so backspacing is
 * instant. `null` kind: nothing to fetch.
 */
export type { SuggestedValue };

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
      // Suggestions may be cached briefly (the server says for how long).
      const res = await apiFetch('GET /api/suggest', { query: params, signal: abort.signal, cache: 'default' });
      if (!res.ok) return; // aborted, offline or refused: keep the old list
      cache.current.set(key, res.data.values);
      if (cache.current.size > 200) cache.current.delete(cache.current.keys().next().value!);
      setState({ key, values: res.data.values });
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

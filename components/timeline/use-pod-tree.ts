'use client';

import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ProcessForest } from '@/lib/domain/ancestry';
import { forestFromJson, type PodTreeJson } from '@/lib/domain/timeline/pod-tree-json';

/** Loads a pod's process forest from /api/pods/<ns>/<pod>/tree; `reload` fetches it again. */
export interface PodTreeState {
  state: 'loading' | 'ready' | 'error';
  tree: PodTreeJson | null;
  forest: ProcessForest | null;
  error: string | null;
  reload(): void;
}

export function usePodTree(href: string): PodTreeState {
  const [tree, setTree] = useState<PodTreeJson | null>(null);
  const [state, setState] = useState<PodTreeState['state']>('loading');
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    setState((s) => (s === 'ready' ? s : 'loading'));
    fetch(href, { signal: abort.signal, cache: 'no-store' })
      .then(async (res) => {
        const body = await res.json().catch(() => ({}));
        if (!res.ok) throw new Error(typeof body.error === 'string' ? body.error : `HTTP ${res.status}`);
        setTree(body as PodTreeJson);
        setError(null);
        setState('ready');
      })
      .catch((e: Error) => {
        if (abort.signal.aborted) return;
        setError(e.message);
        setState('error');
      });
    return () => abort.abort();
  }, [href, generation]);

  const forest = useMemo(() => (tree ? forestFromJson(tree) : null), [tree]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { state, tree, forest, error, reload };
}

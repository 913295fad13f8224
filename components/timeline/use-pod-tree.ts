'use client';

import { useCallback, useEffect, useState } from 'react';
import type { ProcessForest } from '@/lib/domain/ancestry';
import { podTreeFromJson, type PodTree, type PodTreeMeta } from '@/lib/domain/timeline/pod-tree-json';
import { apiFetch } from '@/components/api/api-fetch';

/** A pod's answer from /api/pods/<ns>/<pod>/tree, linked into its process forest. */
export type LoadedPodTree = PodTreeMeta & PodTree;

/** Loads a pod's process forest from /api/pods/<ns>/<pod>/tree; `reload` fetches it again. */
export interface PodTreeState {
  state: 'loading' | 'ready' | 'error';
  tree: LoadedPodTree | null;
  forest: ProcessForest | null;
  error: string | null;
  reload(): void;
}

export function usePodTree(namespace: string, pod: string, query: string): PodTreeState {
  const [tree, setTree] = useState<LoadedPodTree | null>(null);
  const [state, setState] = useState<PodTreeState['state']>('loading');
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    setState((s) => (s === 'ready' ? s : 'loading'));
    // gzipBody: ~4 MB of JSON for a 10,000-process pod comes packed at a fast level by the route
    // (lib/server/http/gzip-response.ts), cheaper than Next's own gzip.
    void apiFetch('GET /api/pods/[namespace]/[pod]/tree', { params: { namespace, pod }, query, signal: abort.signal, gzipBody: true }).then((res) => {
      if (abort.signal.aborted) return;
      let loaded: LoadedPodTree;
      try {
        if (!res.ok) throw new Error(res.error.message);
        const { execs: _e, markers: _m, embedded: _b, ...meta } = res.data;
        loaded = { ...meta, ...podTreeFromJson(res.data) };
      } catch (e) {
        setError((e as Error).message);
        setState('error');
        return;
      }
      setTree(loaded);
      setError(null);
      setState('ready');
    });
    return () => abort.abort();
  }, [namespace, pod, query, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { state, tree, forest: tree?.forest ?? null, error, reload };
}

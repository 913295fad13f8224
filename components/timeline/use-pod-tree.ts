'use client';

import { useCallback, useEffect, useState } from 'react';
import type { ProcessForest } from '@/lib/domain/ancestry';
import { podTreeFromJson, type PodTree, type PodTreeJson, type PodTreeMeta } from '@/lib/domain/timeline/pod-tree-json';
import { appUrl } from '@/components/url-state/app-url';

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

export function usePodTree(href: string): PodTreeState {
  const [tree, setTree] = useState<LoadedPodTree | null>(null);
  const [state, setState] = useState<PodTreeState['state']>('loading');
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    setState((s) => (s === 'ready' ? s : 'loading'));
    // The answer comes gzipped as the body when asked for (lib/server/http/gzip-response.ts: ~4 MB
    // of JSON for a 10,000-process pod, cheaper to pack at a fast level than Next's own gzip).
    fetch(appUrl(href), { signal: abort.signal, cache: 'no-store', headers: { accept: 'application/gzip, application/json;q=0.5' } })
      .then(async (res) => {
        const gzipped = res.ok && res.body && (res.headers.get('content-type') ?? '').startsWith('application/gzip');
        const json = gzipped ? new Response(res.body!.pipeThrough(new DecompressionStream('gzip'))) : res;
        const body = await json.json().catch(() => ({}));
        if (!res.ok) throw new Error(typeof body.error === 'string' ? body.error : `HTTP ${res.status}`);
        if (abort.signal.aborted) return;
        const { execs: _e, markers: _m, embedded: _b, ...meta } = body as PodTreeJson;
        setTree({ ...meta, ...podTreeFromJson(body as PodTreeJson) });
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

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { state, tree, forest: tree?.forest ?? null, error, reload };
}

'use client';

import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import type { Point } from '@/lib/domain/service-map/box';
import type { ServiceMap } from '@/lib/domain/service-map/service-map';
import { fromResponse, runLayout, type LayoutRequest, type LayoutResponse, type MapLayout } from './layout-job';

/**
 * Lays the map out in a Web Worker whenever it changes, passing the positions of what is on
 * screen so nodes never move under the reader's eyes. `tidy()` forgets them: a fresh packing.
 * Answers to superseded requests are dropped. Without Worker support (very old browsers, some
 * test runners) the same function runs inline.
 */
export function useMapLayout(map: ServiceMap | null): { layout: MapLayout | null; tidy: () => void; tidied: number } {
  const [layout, setLayout] = useState<MapLayout | null>(null);
  const [tidied, setTidied] = useState(0);
  const worker = useRef<Worker | null>(null);
  const latestId = useRef(0);
  const positions = useRef<Map<string, Point>>(new Map());

  useEffect(() => {
    if (typeof Worker === 'undefined') return;
    const w = new Worker(new URL('./layout.worker.ts', import.meta.url));
    worker.current = w;
    return () => {
      w.terminate();
      worker.current = null;
    };
  }, []);

  const accept = useCallback((r: LayoutResponse, ranIn: MapLayout['ranIn']) => {
    if (r.id !== latestId.current) return;
    const next = fromResponse(r, ranIn);
    positions.current = new Map([...next.nodes].map(([id, b]) => [id, { x: b.x, y: b.y }]));
    // Drawing a big map takes a while: in a transition React renders it in slices.
    startTransition(() => setLayout(next));
  }, []);

  useEffect(() => {
    if (!map) return;
    const req: LayoutRequest = { id: ++latestId.current, map, previous: [...positions.current] };
    const w = worker.current;
    if (!w) {
      accept(runLayout(req), 'main thread');
      return;
    }
    const onMessage = (e: MessageEvent<LayoutResponse>) => accept(e.data, 'worker');
    const onError = () => accept(runLayout(req), 'main thread'); // a worker that fails to load must not blank the map
    w.addEventListener('message', onMessage);
    w.addEventListener('error', onError);
    w.postMessage(req);
    return () => {
      w.removeEventListener('message', onMessage);
      w.removeEventListener('error', onError);
    };
  }, [map, tidied, accept]);

  const tidy = useCallback(() => {
    positions.current = new Map();
    setTidied((n) => n + 1);
  }, []);

  return { layout, tidy, tidied };
}

'use client';

import Link from 'next/link';
import type { MapEdge, MapNode } from '@/lib/domain/service-map/service-map';
import { EdgeDetails, NodeDetails } from './map-details';

/**
 * The selected edge or node, pinned beside the map (the hover card's content in full) with the
 * way onwards: its flows in /flows, filtered and in the same window. Esc or × closes it.
 */
export interface SelectionPanelProps {
  edge: MapEdge | null;
  node: MapNode | null;
  nodesById: ReadonlyMap<string, MapNode>;
  flowsHref: string;
  onClose: () => void;
}

export function MapSelectionPanel({ edge, node, nodesById, flowsHref, onClose }: SelectionPanelProps) {
  const count = edge?.flowCount ?? node?.flowCount ?? 0;
  return (
    <aside
      className="absolute top-3 right-3 bottom-3 z-20 flex w-[24rem] max-w-[calc(100%-1.5rem)] flex-col rounded-md border border-slate-700 bg-slate-950/95 shadow-xl"
      data-testid={edge ? 'edge-popover' : 'node-popover'}
      aria-label={edge ? 'Selected edge' : 'Selected node'}
    >
      <div className="flex items-center justify-between border-b border-slate-800 px-3 py-2">
        <span className="text-xs uppercase tracking-wide text-slate-500">{edge ? 'edge' : node?.kind === 'workload' ? 'workload' : node?.kind}</span>
        <button type="button" onClick={onClose} className="rounded px-2 text-slate-400 hover:bg-slate-800 hover:text-white" aria-label="Close (Esc)">
          ×
        </button>
      </div>
      <div className="min-h-0 flex-1 overflow-auto p-3">
        {edge && <EdgeDetails edge={edge} from={nodesById.get(edge.source)} to={nodesById.get(edge.destination)} compact={false} />}
        {node && <NodeDetails node={node} compact={false} />}
      </div>
      <div className="border-t border-slate-800 p-3">
        <Link
          href={flowsHref}
          className="block rounded bg-sky-700 px-3 py-1.5 text-center text-sm font-semibold text-white hover:bg-sky-600"
          data-testid="open-flows"
        >
          Open {count.toLocaleString('en-US')} {count === 1 ? 'flow' : 'flows'} in Flows →
        </Link>
        <p className="mt-1 text-center text-[11px] text-slate-500">or double-click it on the map</p>
      </div>
    </aside>
  );
}

/**
 * The process forest on the wire: `GET /api/pods/<ns>/<pod>/tree` answers this JSON-friendly shape
 * (a nodes array instead of a Map, times as plain numbers) and the timeline turns it back into a
 * ProcessForest for visibleRows. Nodes travel in pre-order so a reader sees parents first.
 */
import type { ProcessForest, ProcessNode } from '@/lib/domain/ancestry/process-node';
import type { TimeRange } from '@/lib/domain/ancestry/time-range';

export interface PodTreeMeta {
  namespace: string;
  pod: string;
  /** Events the forest was built from. */
  events: number;
  /** The bound on events; `truncated` says the pod had more in the requested window. */
  limit: number;
  truncated: boolean;
  sinceUs: number | null;
  untilUs: number | null;
  /** exec_ids whose exec came from the agent's start-up /proc scan (running before it watched). */
  scanned: string[];
}

export interface PodTreeJson extends PodTreeMeta {
  /** [minNs, maxNs] of what was observed (see timeRangeOf), null for an empty pod. */
  range: TimeRange | null;
  roots: string[];
  nodes: ProcessNode[];
  skippedEvents: number;
}

export function podTreeJson(forest: ProcessForest, range: TimeRange | null, meta: PodTreeMeta): PodTreeJson {
  const nodes: ProcessNode[] = [];
  const stack = [...forest.roots].reverse();
  const seen = new Set<string>();
  while (stack.length > 0) {
    const id = stack.pop()!;
    const node = forest.nodes.get(id);
    if (!node || seen.has(id)) continue;
    seen.add(id);
    nodes.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return { ...meta, range, roots: [...forest.roots], nodes, skippedEvents: forest.skippedEvents };
}

/** Back to a forest. Children naming nodes that did not travel are dropped rather than trusted. */
export function forestFromJson(json: Pick<PodTreeJson, 'nodes' | 'roots' | 'skippedEvents'>): ProcessForest {
  const nodes = new Map<string, ProcessNode>();
  for (const n of json.nodes) nodes.set(n.execId, n);
  for (const n of nodes.values()) {
    if (n.children.some((c) => !nodes.has(c))) n.children = n.children.filter((c) => nodes.has(c));
  }
  return { nodes, roots: json.roots.filter((r) => nodes.has(r)), skippedEvents: json.skippedEvents };
}

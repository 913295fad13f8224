import type { MapEdge } from '@/lib/domain/service-map/service-map';
import { isSecured } from './edge-style';
import type { Lod } from './use-map-zoom';

/**
 * What stands out and what fades: with a node in focus (hovered or selected) its edges and
 * neighbours stay bright and the rest fades, which is what makes 2,000 edges readable; with an
 * edge in focus, that edge. Pure, so the canvas only passes booleans to memoised parts.
 */
export interface Focus {
  node: string | null;
  edge: string | null;
}

export interface FocusSets {
  active: boolean;
  edges: Set<string>;
  nodes: Set<string>;
}

export function focusSets(focus: Focus, edges: readonly MapEdge[]): FocusSets {
  const hitEdges = new Set<string>();
  const hitNodes = new Set<string>();
  if (focus.node) {
    hitNodes.add(focus.node);
    for (const e of edges) {
      if (e.source === focus.node || e.destination === focus.node) {
        hitEdges.add(e.id);
        hitNodes.add(e.source);
        hitNodes.add(e.destination);
      }
    }
  } else if (focus.edge) {
    const e = edges.find((x) => x.id === focus.edge);
    if (e) {
      hitEdges.add(e.id);
      hitNodes.add(e.source);
      hitNodes.add(e.destination);
    }
  }
  return { active: hitNodes.size > 0, edges: hitEdges, nodes: hitNodes };
}

/**
 * Labels by level of detail: all when zoomed in; zoomed out, only those that say something
 * beyond "traffic flows here" (L7 endpoints, drops, encryption); far out, none but the focus.
 */
export function labelShown(e: MapEdge, lod: Lod, focused: boolean): boolean {
  if (focused || lod === 'detail') return true;
  if (lod === 'overview') return false;
  return e.endpoints.length > 0 || e.verdict !== 'forwarded' || isSecured(e);
}

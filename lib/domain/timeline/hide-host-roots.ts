/**
 * The forest without its host roots: a pod's tree usually starts at the node's containerd-shim,
 * which says little once known. Hiding it lifts the shim's children (the container's pid 1, and
 * after a restart the new pid 1) to roots — the restart reads as another root. Placeholders stay:
 * they stand for a parent we never saw, which is worth seeing. Nodes are copied, never edited.
 */
import type { ProcessForest, ProcessNode } from '@/lib/domain/ancestry/process-node';

export function hideHostRoots(forest: ProcessForest): ProcessForest {
  const hidden = new Set(forest.roots.filter((id) => {
    const n = forest.nodes.get(id);
    return n !== undefined && n.isHost && !n.placeholder && n.children.length > 0;
  }));
  if (hidden.size === 0) return forest;

  const nodes = new Map<string, ProcessNode>();
  for (const [id, n] of forest.nodes) {
    if (hidden.has(id)) continue;
    nodes.set(id, {
      ...n,
      depth: n.depth - 1,
      treeParent: n.treeParent !== null && hidden.has(n.treeParent) ? null : n.treeParent,
    });
  }
  const roots: string[] = [];
  for (const id of forest.roots) {
    if (hidden.has(id)) roots.push(...forest.nodes.get(id)!.children);
    else roots.push(id);
  }
  // Roots that were not hidden sit at depth 0 already; only the lifted subtrees moved up a level.
  for (const id of forest.roots) if (!hidden.has(id)) restoreDepth(nodes, id);
  const byStart = (a: string, b: string) => nodes.get(a)!.startNs - nodes.get(b)!.startNs || (a < b ? -1 : a > b ? 1 : 0);
  return { nodes, roots: roots.sort(byStart), skippedEvents: forest.skippedEvents };
}

/** Undo the depth shift for a subtree that was not under a hidden root. */
function restoreDepth(nodes: Map<string, ProcessNode>, rootId: string): void {
  const stack = [rootId];
  while (stack.length > 0) {
    const n = nodes.get(stack.pop()!);
    if (!n) continue;
    n.depth += 1;
    stack.push(...n.children);
  }
}

/**
 * Turns gathered drafts into a forest: tree parents, placeholders for parents never seen, cycle
 * breaking, inferred starts, sorted children, depths and subtree sizes. Every step is a map lookup
 * or a single pass over a pre-order list, so 10,000 processes link in a few milliseconds.
 */
import { draftToNode, placeholderNode, type ProcessDraft } from '@/lib/domain/ancestry/process-draft';
import type { ProcessForest, ProcessNode } from '@/lib/domain/ancestry/process-node';

export function linkForest(drafts: ReadonlyMap<string, ProcessDraft>, maxMarkers: number, skippedEvents: number): ProcessForest {
  const nodes = new Map<string, ProcessNode>();
  for (const [id, d] of drafts) nodes.set(id, draftToNode(d, maxMarkers));

  const roots: string[] = [];
  for (const node of [...nodes.values()]) {
    const parentId = node.parentExecId;
    if (!parentId || parentId === node.execId) {
      roots.push(node.execId);
      continue;
    }
    let parent = nodes.get(parentId);
    if (!parent) {
      // A host process known only as a pod process's parent (containerd-shim) is where our
      // knowledge of a pod's tree starts: it becomes a root rather than hanging under a
      // "not seen" box for containerd, which the pod's events never describe.
      if (node.isHost && !drafts.get(node.execId)?.hasOwnEvent) {
        roots.push(node.execId);
        continue;
      }
      parent = placeholderNode(parentId);
      nodes.set(parentId, parent);
      roots.push(parentId);
    }
    node.treeParent = parentId;
    parent.children.push(node.execId);
  }

  const order = preOrderBreakingCycles(nodes, roots);

  // Children follow their parent in pre-order, so one backward pass sees every subtree complete.
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i]!;
    if (node.treeParent === null) continue;
    const parent = nodes.get(node.treeParent)!;
    parent.descendants += 1 + node.descendants;
    if (!parent.startKnown && node.startNs < parent.startNs) parent.startNs = node.startNs;
  }
  fillUnplaceableStarts(order);

  for (const node of order) if (node.children.length > 1) node.children = sortedByStart(node.children, nodes);
  const sortedRoots = sortedByStart(roots, nodes);
  for (const node of order) node.depth = node.treeParent === null ? 0 : nodes.get(node.treeParent)!.depth + 1;

  return { nodes, roots: sortedRoots, skippedEvents };
}

/**
 * Iterative pre-order from the roots (deep chains must not overflow the stack). Nodes left
 * unreached can only sit on or under a parent cycle — corrupt data — so one node per cycle is cut
 * loose, flagged, and made a root.
 */
function preOrderBreakingCycles(nodes: Map<string, ProcessNode>, roots: string[]): ProcessNode[] {
  const order: ProcessNode[] = [];
  const reached = new Set<string>();
  const walk = (rootId: string): void => {
    const stack = [rootId];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (reached.has(id)) continue;
      reached.add(id);
      const node = nodes.get(id)!;
      order.push(node);
      for (const child of node.children) if (!reached.has(child)) stack.push(child);
    }
  };
  for (const root of roots) walk(root);
  if (reached.size === nodes.size) return order;

  for (const start of nodes.values()) {
    if (reached.has(start.execId)) continue;
    const onPath = new Set<string>();
    let cur = start;
    while (cur.treeParent !== null && !onPath.has(cur.execId)) {
      onPath.add(cur.execId);
      cur = nodes.get(cur.treeParent)!;
    }
    if (cur.treeParent !== null) {
      const parent = nodes.get(cur.treeParent)!;
      parent.children = parent.children.filter((c) => c !== cur.execId);
      cur.treeParent = null;
      cur.cycleBroken = true;
    }
    roots.push(cur.execId);
    walk(cur.execId);
  }
  return order;
}

const byStart = (a: ProcessNode, b: ProcessNode): number =>
  a.startNs - b.startNs || (a.execId < b.execId ? -1 : a.execId > b.execId ? 1 : 0);

/** Events mostly arrive in time order, so check before sorting; sort nodes, not ids, to look each up once. */
function sortedByStart(ids: string[], nodes: ReadonlyMap<string, ProcessNode>): string[] {
  const list = ids.map((id) => nodes.get(id)!);
  let sorted = true;
  for (let i = 1; i < list.length && sorted; i++) sorted = byStart(list[i - 1]!, list[i]!) <= 0;
  return sorted ? ids : list.sort(byStart).map((n) => n.execId);
}

/** A node with no start, no own event and no timed child (only in corrupt data) sits at the earliest known start. */
function fillUnplaceableStarts(order: ProcessNode[]): void {
  let earliest = Number.POSITIVE_INFINITY;
  for (const node of order) if (node.startNs < earliest) earliest = node.startNs;
  for (const node of order) if (!Number.isFinite(node.startNs)) node.startNs = Number.isFinite(earliest) ? earliest : 0;
}

/**
 * The rows of the ancestry timeline: the forest in pre-order (children by start time), minus the
 * descendants of collapsed processes — jaeger-ui's generateRowStates for process trees. Work is
 * proportional to the rows shown, so collapsing a 10,000-process subtree makes rendering cheap.
 */
import type { ProcessForest } from '@/lib/domain/ancestry/process-node';

export interface ProcessRow {
  execId: string;
  depth: number;
  hasChildren: boolean;
  isCollapsed: boolean;
  /** How many processes the collapse hides (the whole subtree below), 0 when expanded. */
  hiddenDescendants: number;
}

export function visibleRows(forest: ProcessForest, collapsed: ReadonlySet<string>): ProcessRow[] {
  const rows: ProcessRow[] = [];
  const stack: string[] = [];
  for (let i = forest.roots.length - 1; i >= 0; i--) stack.push(forest.roots[i]!);
  while (stack.length > 0) {
    const node = forest.nodes.get(stack.pop()!);
    if (!node) continue;
    const hasChildren = node.children.length > 0;
    const isCollapsed = hasChildren && collapsed.has(node.execId);
    rows.push({
      execId: node.execId,
      depth: node.depth,
      hasChildren,
      isCollapsed,
      hiddenDescendants: isCollapsed ? node.descendants : 0,
    });
    if (isCollapsed) continue;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return rows;
}

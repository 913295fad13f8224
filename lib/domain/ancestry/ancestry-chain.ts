import type { ProcessForest, ProcessNode } from '@/lib/domain/ancestry/process-node';

/**
 * [self, parent, grandparent, …] up to the root, following the forest's links — so a parent never
 * seen shows up as its placeholder, and a cut cycle ends the chain. Empty for an unknown exec_id.
 */
export function ancestryChain(forest: ProcessForest, execId: string): ProcessNode[] {
  const chain: ProcessNode[] = [];
  let cur = forest.nodes.get(execId);
  // The size bound is a second guard: the forest has no cycles, but callers may hand us a forest they edited.
  while (cur && chain.length <= forest.nodes.size) {
    chain.push(cur);
    cur = cur.treeParent === null ? undefined : forest.nodes.get(cur.treeParent);
  }
  return chain;
}

/**
 * Orders an island's nodes so that nodes that talk to each other end up next to each other once
 * the order is poured into a grid. A greedy pass (Cuthill–McKee style: always take the node most
 * connected to those already taken) gives a good start; a few barycenter passes then pull each
 * node towards the average rank of its neighbours. O(iterations · (edges + n log n)), no
 * randomness: the same graph always gives the same order.
 */

const REFINE_PASSES = 4;

export function orderByConnection(ids: readonly string[], links: Iterable<readonly [string, string]>): string[] {
  const sortedIds = [...ids].sort();
  const n = sortedIds.length;
  if (n <= 2) return sortedIds;
  const at = new Map(sortedIds.map((id, i) => [id, i]));
  const adj: Map<number, number>[] = sortedIds.map(() => new Map());
  for (const [a, b] of links) {
    const i = at.get(a);
    const j = at.get(b);
    if (i === undefined || j === undefined || i === j) continue;
    adj[i]!.set(j, (adj[i]!.get(j) ?? 0) + 1);
    adj[j]!.set(i, (adj[j]!.get(i) ?? 0) + 1);
  }
  const degree = adj.map((m) => [...m.values()].reduce((s, w) => s + w, 0));

  // Greedy: O(n²) scans, fine for the few hundred nodes an island holds.
  const taken = new Uint8Array(n);
  const pull = new Float64Array(n);
  let order: number[] = [];
  while (order.length < n) {
    let best = -1;
    for (let i = 0; i < n; i++) {
      if (taken[i]) continue;
      if (best < 0 || pull[i]! > pull[best]! || (pull[i] === pull[best] && degree[i]! > degree[best]!)) best = i;
    }
    taken[best] = 1;
    order.push(best);
    // Recent neighbours weigh more, so the sequence follows a chain instead of fanning out.
    for (const [j, w] of adj[best]!) if (!taken[j]) pull[j] = pull[j]! + w * order.length;
  }

  const rank = new Float64Array(n);
  for (let pass = 0; pass < REFINE_PASSES; pass++) {
    order.forEach((i, r) => (rank[i] = r));
    const value = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let sum = rank[i]!;
      let weight = 1;
      for (const [j, w] of adj[i]!) {
        sum += w * rank[j]!;
        weight += w;
      }
      value[i] = sum / weight;
    }
    order = [...order].sort((a, b) => value[a]! - value[b]! || rank[a]! - rank[b]!);
  }
  return order.map((i) => sortedIds[i]!);
}

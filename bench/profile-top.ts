/**
 * The top frames of a V8 CPU profile (node --cpu-prof, `npm run bench -- --profile`):
 *
 *   npx tsx bench/profile-top.ts bench/profiles/hub-ingest-mixed-….cpuprofile [N]
 *
 * Prints self time by function and total (inclusive) time by function, as % of the samples.
 */
import fs from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

export function topFrames(profile: Profile, n = 25): { self: [string, number][]; total: [string, number][]; samples: number } {
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const parent = new Map<number, number>();
  for (const x of profile.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
  const name = (x: Node) => {
    const file = x.callFrame.url.replace(/^.*\/work\/main\//, '').replace(/^file:\/\//, '');
    return `${x.callFrame.functionName || '(anonymous)'} ${file ? `${file}:${x.callFrame.lineNumber + 1}` : ''}`.trim();
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const counts = new Map<number, number>();
  for (const s of profile.samples) counts.set(s, (counts.get(s) ?? 0) + 1);
  let samples = 0;
  for (const [id, count] of counts) {
    const node = byId.get(id)!;
    samples += count;
    self.set(name(node), (self.get(name(node)) ?? 0) + count);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const nm = name(byId.get(cur)!);
      if (seen.has(nm)) continue;
      seen.add(nm);
      total.set(nm, (total.get(nm) ?? 0) + count);
    }
  }
  const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => [k, (v / samples) * 100] as [string, number]);
  return { self: top(self), total: top(total), samples };
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npx tsx bench/profile-top.ts FILE.cpuprofile [N]');
    process.exit(2);
  }
  const { self, total, samples } = topFrames(JSON.parse(fs.readFileSync(file, 'utf8')) as Profile, Number(process.argv[3] ?? 25));
  console.log(`${samples} samples\n\nself time:`);
  for (const [k, v] of self) console.log(`${v.toFixed(1).padStart(6)} %  ${k}`);
  console.log('\ntotal time:');
  for (const [k, v] of total) console.log(`${v.toFixed(1).padStart(6)} %  ${k}`);
}

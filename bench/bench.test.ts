import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeFrames } from '@/lib/server/ingest/decode-frames';
import { buildTemplates, patchCopy, stampedCopy } from './feeder/templates';
import { onlyNextTypeGlobs } from './support/next-server';
import { formatTable, Report, statusOf } from './support/report';
import { describeMachine } from './support/machine';
import { parseOptions } from './support/options';
import { writeResults, type RunState } from './support/results';
import { percentile } from './support/stats';

// The bench's own moving parts: a benchmark that miscounts is worse than none.
describe('the feeder stream', () => {
  it('makes every copy of the cycle a distinct stored item, through the real decode and id path', () => {
    const templates = buildTemplates('mixed', 1977, 1_795_000_000_000_000);
    const ids = new Set<string>();
    let n = 0;
    for (let copy = 0; copy < 5; copy++) {
      for (const kind of ['tetragon', 'hubble'] as const) {
        const frames = templates.filter((t) => t.stream === kind).map((t) => patchCopy(t, 1_000_000 * copy + 7));
        const r = decodeFrames({ kind, endpoint: 'bench', frames });
        expect(r.malformed).toBe(0);
        for (const a of r.actions) if (a.t !== 'lost') ids.add(`${kind}:${a.rec.summary.id}`);
        n += frames.length;
      }
    }
    expect(ids.size).toBe(n);
  });

  it('stamps the emit time on stamped copies (end-to-end latency reads it back)', () => {
    const [flow] = buildTemplates('flows', 1977, 1_795_000_000_000_000);
    const item = stampedCopy(flow!, 3, 1_795_000_123_456_789);
    const r = decodeFrames({ kind: 'hubble', endpoint: 'bench', frames: [item.bytes] });
    expect(r.actions[0]!.t === 'flow' && r.actions[0]!.rec.summary.ts).toBe(1_795_000_123_456_789);
  });
});

describe('the report', () => {
  it('passes "at least" and "at most" targets with a ratio ≥ 1 meaning met', () => {
    expect(statusOf({ section: 's', metric: 'm', value: 120, unit: 'ms', target: { op: '<=', value: 100 } })).toEqual({ status: 'MISS', ratio: 100 / 120 });
    expect(statusOf({ section: 's', metric: 'm', value: 60_000, unit: 'ev/s', target: { op: '>=', value: 50_000 } })).toEqual({ status: 'PASS', ratio: 1.2 });
    expect(statusOf({ section: 's', metric: 'm', value: null, unit: '', note: 'no bpftrace' }).status).toBe('SKIP');
    expect(formatTable([{ section: 's', metric: 'a | b', value: 1, unit: 'ms' }], true)).toContain('a \\| b');
  });

  it('saves results.json as each row arrives, so a run killed mid-section keeps its figures', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-results-')), 'results.json');
    const report = new Report();
    const run: RunState = { started: Date.now(), opts: parseOptions(['--quick']), machine: describeMachine(), report, loads: {}, seconds: {}, errors: {} };
    report.onAdd = () => writeResults(out, run, false, [0, 0, 0]);
    report.add({ section: 'ingest', metric: 'mixed', value: 9000, unit: 'ev/s', target: { op: '>=', value: 10_000 } });
    const saved = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(saved.complete).toBe(false);
    expect(saved.rows).toEqual([expect.objectContaining({ metric: 'mixed', value: 9000, status: 'MISS' })]);
    expect(saved.options.sections).toContain('scale');
    expect(fs.existsSync(`${out}.partial`)).toBe(false);
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  });

  it('takes nearest-rank percentiles', () => {
    const v = Array.from({ length: 20 }, (_, i) => i + 1);
    expect(percentile(v, 95)).toBe(19);
    expect(percentile(v, 50)).toBe(10);
  });
});

describe('restoring tsconfig.json after next build', () => {
  const nextEdit = ['@@ -39 +39,3 @@', '-    ".next-map/dev/types/**/*.ts"', '+    ".next-map/dev/types/**/*.ts",', '+    ".next-bench/types/**/*.ts",', '+    ".next-bench/dev/types/**/*.ts"'].join('\n');
  it("undoes only next build's added type globs, never someone's edit", () => {
    expect(onlyNextTypeGlobs(nextEdit)).toBe(true);
    expect(onlyNextTypeGlobs(nextEdit.replace('".next-bench/types/**/*.ts",', '"strict": false,'))).toBe(false);
    expect(onlyNextTypeGlobs('')).toBe(false);
  });
});

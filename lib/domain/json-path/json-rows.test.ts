import { describe, expect, it } from 'vitest';
import { expandedToDepth, isImpreciseNumber, jsonRows } from '@/lib/domain/json-path/json-rows';
import { searchJson } from '@/lib/domain/json-path/json-search';

const doc = {
  process_exec: {
    process: {
      binary: '/usr/bin/kill',
      arguments: '-9 1',
      pid: 52,
      pod: { pod_labels: { 'app.kubernetes.io/name': 'deathstar', org: 'empire' } },
      cap: { effective: ['CAP_KILL', 'CAP_SYS_ADMIN'] },
    },
  },
  node_name: 'kind-worker2',
  cookie: '18446623580236211840',
};

describe('jsonRows', () => {
  it('lists the document in order, children of collapsed containers hidden', () => {
    const rows = jsonRows(doc, new Set(['.', '.process_exec']));
    expect(rows.map((r) => [r.id, r.depth, r.kind, r.size])).toEqual([
      ['.', 0, 'object', 3],
      ['.process_exec', 1, 'object', 1],
      ['.process_exec.process', 2, 'object', 5],
      ['.node_name', 1, 'string', 0],
      ['.cookie', 1, 'string', 0],
    ]);
    expect(rows[2]).toMatchObject({ expanded: false, parentId: '.process_exec', key: 'process' });
    expect(rows[4]!.value).toBe('18446623580236211840');
  });

  it('gives array items their index and label keys their bracket paths', () => {
    const all = expandedToDepth(doc, 99);
    const rows = jsonRows(doc, all);
    expect(rows.find((r) => r.value === 'CAP_SYS_ADMIN')).toMatchObject({ id: '.process_exec.process.cap.effective[1]', key: 1 });
    expect(rows.find((r) => r.value === 'deathstar')?.id).toBe('.process_exec.process.pod.pod_labels["app.kubernetes.io/name"]');
    expect(rows).toHaveLength(16);
  });

  it('expands to a depth', () => {
    expect([...expandedToDepth(doc, 2)].sort()).toEqual(['.', '.process_exec']);
    expect(expandedToDepth('scalar', 3).size).toBe(0);
    expect(jsonRows('x', new Set())).toEqual([{ id: '.', path: [], depth: 0, key: null, kind: 'string', value: 'x', size: 0, expanded: false, parentId: null }]);
  });

  it('flags integers JSON cannot carry exactly', () => {
    expect(isImpreciseNumber(2 ** 53 + 2)).toBe(true);
    expect(isImpreciseNumber(4294967295)).toBe(false);
    expect(isImpreciseNumber('18446623580236211840')).toBe(false);
  });
});

describe('searchJson', () => {
  it('finds keys and values, case-insensitively, and opens their ancestors', () => {
    const r = searchJson(doc, 'sys_admin');
    expect(r.matches).toEqual(['.process_exec.process.cap.effective[1]']);
    expect([...r.toExpand]).toEqual(['.', '.process_exec', '.process_exec.process', '.process_exec.process.cap', '.process_exec.process.cap.effective']);
    expect(searchJson(doc, 'POD_LABELS').matches).toEqual(['.process_exec.process.pod.pod_labels']);
  });

  it('matches numbers and 64-bit strings as text', () => {
    expect(searchJson(doc, '52').matches).toEqual(['.process_exec.process.pid']);
    expect(searchJson(doc, '18446623580236211840').matches).toEqual(['.cookie']);
  });

  it('finds control characters by their visible escape', () => {
    const hostile = { arguments: 'a\nb\u202e' };
    expect(searchJson(hostile, '\\n').matches).toEqual(['.arguments']);
    expect(searchJson(hostile, '\\u202e').matches).toEqual(['.arguments']);
  });

  it('is empty for an empty query, and caps long answers', () => {
    expect(searchJson(doc, '').matches).toEqual([]);
    const many = { list: Array.from({ length: 50 }, () => 'x') };
    const r = searchJson(many, 'x', 10);
    expect(r.matches).toHaveLength(10);
    expect(r.capped).toBe(true);
  });
});

describe('valueAt and copyableValue', () => {
  it('reads a value by path and copies strings exactly, the rest as JSON', async () => {
    const { valueAt, copyableValue } = await import('@/lib/domain/json-path/json-rows');
    expect(valueAt(doc, ['process_exec', 'process', 'cap', 'effective', 1])).toBe('CAP_SYS_ADMIN');
    expect(valueAt(doc, ['nope', 'x'])).toBeUndefined();
    expect(copyableValue('a\nb\u202e')).toBe('a\nb\u202e');
    expect(copyableValue(valueAt(doc, ['process_exec', 'process', 'cap']))).toBe('{\n  "effective": [\n    "CAP_KILL",\n    "CAP_SYS_ADMIN"\n  ]\n}');
    expect(copyableValue(null)).toBe('null');
    expect(copyableValue(52)).toBe('52');
  });
});

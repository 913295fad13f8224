import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { jqPath } from '@/lib/domain/json-path/jq-path';

describe('jqPath', () => {
  it('writes identifiers with dots and label keys in brackets', () => {
    expect(jqPath(['process_exec', 'process', 'pod', 'pod_labels', 'app.kubernetes.io/name'])).toBe(
      '.process_exec.process.pod.pod_labels["app.kubernetes.io/name"]',
    );
  });

  it('indexes arrays, also at the top', () => {
    expect(jqPath(['process_kprobe', 'args', 0, 'sock_arg', 'daddr'])).toBe('.process_kprobe.args[0].sock_arg.daddr');
    expect(jqPath([2, 'flow'])).toBe('.[2].flow');
    expect(jqPath([])).toBe('.');
  });

  it('escapes hostile keys so jq reads them back exactly', () => {
    expect(jqPath(['a"b', 'new\nline', '1st', 'ünï'])).toBe('.["a\\"b"]["new\\nline"]["1st"]["ünï"]');
    expect(jqPath(['IP', 'ipVersion', '$x'])).toBe('.IP.ipVersion["$x"]');
  });

  it('is understood by the real jq', () => {
    let hasJq = true;
    try {
      execFileSync('jq', ['--version']);
    } catch {
      hasJq = false;
    }
    if (!hasJq) return;
    const doc = { process_exec: { process: { pod: { pod_labels: { 'app.kubernetes.io/name': 'deathstar', 'we"ird\nkey': 'x' } } } }, args: [{ cookie: '18446623580236211840' }] };
    const read = (path: string) => execFileSync('jq', ['-c', path], { input: JSON.stringify(doc) }).toString().trim();
    expect(read(jqPath(['process_exec', 'process', 'pod', 'pod_labels', 'app.kubernetes.io/name']))).toBe('"deathstar"');
    expect(read(jqPath(['process_exec', 'process', 'pod', 'pod_labels', 'we"ird\nkey']))).toBe('"x"');
    expect(read(jqPath(['args', 0, 'cookie']))).toBe('"18446623580236211840"');
  });
});

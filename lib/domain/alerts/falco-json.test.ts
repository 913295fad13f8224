import { describe, expect, it } from 'vitest';
import type { RuleMatch } from '@/lib/domain/rules';
import { falcoAlertJson, falcoOutputLine } from './falco-json';

const match: RuleMatch = {
  rule: 'Kill of container init process',
  priority: 'CRITICAL',
  output: 'Container init process killed from inside (cmdline=kill -9 1)\n',
  outputFields: { 'proc.cmdline': 'kill -9 1', 'proc.pid': 4242 },
  tags: ['container', 'T1489'],
  desc: 'x',
};

describe('Falco JSON', () => {
  it('has Falco’s keys, priority spelling and time-prefixed output', () => {
    const json = falcoAlertJson(match, { process_exec: {}, node_name: 'kind-worker2', time: '2026-11-22T09:14:15.2123Z' });
    expect(Object.keys(json).sort()).toEqual(['hostname', 'output', 'output_fields', 'priority', 'rule', 'source', 'tags', 'time']);
    expect(json).toMatchObject({
      time: '2026-11-22T09:14:15.2123Z',
      priority: 'Critical',
      source: 'tetragon',
      hostname: 'kind-worker2',
      output: '09:14:15.212300000: Critical Container init process killed from inside (cmdline=kill -9 1)',
      output_fields: { 'proc.cmdline': 'kill -9 1', 'proc.pid': 4242 },
      tags: ['container', 'T1489'],
    });
  });

  it('pads whole-second times to nanoseconds', () => {
    expect(falcoOutputLine('2026-11-22T09:14:15Z', 'NOTICE', 'm')).toBe('09:14:15.000000000: Notice m');
  });
});

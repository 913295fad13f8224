import { describe, expect, it } from 'vitest';
import type { RuleMatch } from '@/lib/domain/rules';
import { falcoAlertJson, falcoAlertJsonText, falcoOutputLine } from './falco-json';

const match: RuleMatch = {
  rule: 'Kill of container init process',
  priority: 'CRITICAL',
  output: 'Container init process killed from inside (cmdline=kill -9 1)\n',
  outputFields: { 'proc.cmdline': 'kill -9 1', 'proc.pid': 4242 },
  tags: ['container', 'T1489', 'container', 'T1059'],
  desc: 'x',
};

describe('Falco JSON', () => {
  it('has Falco’s keys, priority spelling and time-prefixed output', () => {
    const json = falcoAlertJson(match, { process_exec: {}, node_name: 'kind-worker2', time: '2026-11-22T09:14:15.2123Z' });
    expect(Object.keys(json).sort()).toEqual(['hostname', 'output', 'output_fields', 'priority', 'rule', 'source', 'tags', 'time']);
    // Issue 15: nine fraction digits, Falco's "syscall" source, evt.time among the output
    // fields, tags sorted and unique (Falco's JSON exactly).
    expect(json).toMatchObject({
      time: '2026-11-22T09:14:15.212300000Z',
      priority: 'Critical',
      source: 'syscall',
      hostname: 'kind-worker2',
      output: '09:14:15.212300000: Critical Container init process killed from inside (cmdline=kill -9 1)',
      output_fields: { 'proc.cmdline': 'kill -9 1', 'proc.pid': 4242 },
      tags: ['T1059', 'T1489', 'container'],
    });
    expect(Object.keys(json.output_fields)).toEqual(['evt.time', 'proc.cmdline', 'proc.pid']);
  });

  it('writes evt.time as the exact nanoseconds since the epoch, as Falco does', () => {
    const json = falcoAlertJson(match, { process_exec: {}, node_name: 'n', time: '2026-11-22T09:14:15.212345678Z' });
    const text = falcoAlertJsonText(json);
    expect(text).toContain('"evt.time":1795338855212345678');
    expect(JSON.parse(text).time).toBe('2026-11-22T09:14:15.212345678Z');
  });

  it('turns any UTC offset into Falco\'s UTC time', () => {
    const json = falcoAlertJson(match, { process_exec: {}, node_name: 'n', time: '2026-11-22T10:14:15.5+01:00' });
    expect(json.time).toBe('2026-11-22T09:14:15.500000000Z');
    expect(json.output.startsWith('09:14:15.500000000: Critical ')).toBe(true);
  });

  it('pads whole-second times to nanoseconds', () => {
    expect(falcoOutputLine('2026-11-22T09:14:15Z', 'NOTICE', 'm')).toBe('09:14:15.000000000: Notice m');
  });
});

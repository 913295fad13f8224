import { describe, expect, it } from 'vitest';
import { compileRuleFiles } from '@/lib/domain/rules';
import { execEvent, exitEvent, kprobeEvent, proc, SHIM, sockArg, TIEFIGHTER_POD } from '@/lib/domain/rules/tetragon-event-fixtures';
import { eventRecord } from '../ingest/records';
import { Detector } from './detector';
import { loadRules } from './rule-files';

const defaults = new Detector(loadRules({ cwd: process.cwd(), rulesDir: null }).rules);
const sh = proc('/bin/sh', { pod: TIEFIGHTER_POD, parent: SHIM, vpid: 40 });
const summary = (line: Parameters<typeof eventRecord>[0]) => eventRecord(line).summary;

describe('detector', () => {
  it('skips reading events no rule can fire on, but always reads execs', () => {
    expect(defaults.wants(summary(execEvent(sh, SHIM)))).toBe(true);
    expect(defaults.wants(summary(exitEvent(sh, SHIM)))).toBe(false);
    expect(defaults.wants(summary(kprobeEvent('tcp_close', sh, SHIM, [sockArg('10.0.0.1', 1, '10.0.0.2', 80)])))).toBe(false);
    expect(defaults.wants(summary(kprobeEvent('tcp_connect', sh, SHIM, [sockArg('10.0.0.1', 1, '10.0.0.2', 80)])))).toBe(true);
  });

  it('reads every event when a rule does not constrain evt.type', () => {
    const { rules } = compileRuleFiles([{ name: 'x.yaml', text: '- rule: Any\n  desc: d\n  condition: proc.name = sh\n  output: o\n  priority: notice\n' }]);
    expect(new Detector(rules).wants(summary(exitEvent(sh, SHIM)))).toBe(true);
  });

  it('turns a match into an occurrence with a stable id and the evidence it came from', () => {
    const line = execEvent(sh, SHIM);
    const rec = eventRecord(line);
    const [occ] = defaults.evaluate(rec.summary, line);
    expect(occ).toMatchObject({
      rule: 'Shell exec into container', priority: 'NOTICE', eventId: rec.summary.id, execId: sh.exec_id,
      namespace: 'default', pod: 'tiefighter', node: line.node_name,
    });
    expect(defaults.evaluate(rec.summary, line)[0]!.id).toBe(occ!.id);
    expect(JSON.parse(occ!.json)).toMatchObject({ rule: 'Shell exec into container', priority: 'Notice', source: 'syscall' });
  });

  it('remembers exec’d processes so ancestors resolve by exec_id', () => {
    const d = new Detector([]);
    d.evaluate(summary(execEvent(sh, SHIM)), execEvent(sh, SHIM));
    expect(d.processes.get(sh.exec_id!)?.binary).toBe('/bin/sh');
    expect(d.processes.get(SHIM.exec_id!)?.binary).toBe(SHIM.binary);
  });
});

import { describe, expect, it } from 'vitest';
import { alertGroupKeys } from './alert-grouping';

const base = {
  rule: 'Shell exec into container',
  execId: 'a2luZC13b3JrZXI6MTox',
  namespace: 'default',
  pod: 'tiefighter',
  node: 'kind-worker',
  outputFields: { 'proc.exepath': '/bin/sh', 'proc.exec_id': 'a2luZC13b3JrZXI6MTox', 'proc.pid': 100, 'k8s.pod.name': 'tiefighter' },
};

describe('alert group keys', () => {
  it('gives a second shell in the same pod the same output key, but another process key', () => {
    const again = alertGroupKeys({ ...base, execId: 'other', outputFields: { ...base.outputFields, 'proc.exec_id': 'other', 'proc.pid': 200 } });
    expect(again.outputKey).toBe(alertGroupKeys(base).outputKey);
    expect(again.processKey).not.toBe(alertGroupKeys(base).processKey);
  });

  it('keeps the same process under one key whatever the output (exec + kprobe of one action)', () => {
    const kprobe = alertGroupKeys({ ...base, outputFields: { ...base.outputFields, 'evt.type': 'security_file_permission' } });
    expect(kprobe.processKey).toBe(alertGroupKeys(base).processKey);
    expect(kprobe.outputKey).not.toBe(alertGroupKeys(base).outputKey);
  });

  it('separates pods, rules, hosts and different outputs', () => {
    const key = alertGroupKeys(base).outputKey;
    expect(alertGroupKeys({ ...base, pod: 'xwing' }).outputKey).not.toBe(key);
    expect(alertGroupKeys({ ...base, rule: 'Other' }).outputKey).not.toBe(key);
    expect(alertGroupKeys({ ...base, outputFields: { ...base.outputFields, 'proc.exepath': '/bin/bash' } }).outputKey).not.toBe(key);
    const host = { ...base, namespace: '', pod: '' };
    expect(alertGroupKeys({ ...host, node: 'a' }).outputKey).not.toBe(alertGroupKeys({ ...host, node: 'b' }).outputKey);
  });

  it('ignores the ephemeral local port of a connection', () => {
    const conn = (sport: number) =>
      alertGroupKeys({ ...base, outputFields: { 'fd.name': `10.244.1.17:${sport}->10.96.0.1:443`, 'fd.sport': sport } }).outputKey;
    expect(conn(45000)).toBe(conn(45001));
    expect(alertGroupKeys({ ...base, outputFields: { 'fd.name': '10.244.1.17:1->10.96.0.2:443' } }).outputKey).not.toBe(conn(1));
  });

  it('has no process key without an exec_id', () => {
    expect(alertGroupKeys({ ...base, execId: '' }).processKey).toBe('');
  });
});

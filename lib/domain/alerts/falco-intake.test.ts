import { describe, expect, it } from 'vitest';
import { FALCO_INTAKE_LIMITS, parseFalcoAlerts, processHint, stripFalcoPrefix } from './falco-intake';

/** An alert as Falco's http_output posts it (json_output: true), written for this test. */
const falco = {
  hostname: 'kind-worker',
  output: '08:00:18.902987117: Warning Sensitive file opened for reading (file=/etc/shadow proc=cat)',
  output_fields: { 'evt.time': 1795334418902987117, 'fd.name': '/etc/shadow', 'proc.name': 'cat', 'proc.pid': 41021, 'container.id': '3f2a9c1d4b5e' },
  priority: 'Warning',
  rule: 'Read sensitive file untrusted',
  source: 'syscall',
  tags: ['maturity_stable', 'T1555', 'filesystem', 'T1555'],
  time: '2026-11-22T08:00:18.902987117Z',
};

describe('Falco alerts in', () => {
  it('reads Falco http_output JSON', () => {
    const [a] = parseFalcoAlerts(falco);
    expect(a).toMatchObject({
      origin: 'falco',
      uuid: null,
      rule: 'Read sensitive file untrusted',
      priority: 'WARNING',
      message: 'Sensitive file opened for reading (file=/etc/shadow proc=cat)',
      ts: Date.parse('2026-11-22T08:00:18Z') * 1000 + 902987,
    });
    expect(a!.falco.tags).toEqual(['T1555', 'filesystem', 'maturity_stable']);
    expect(a!.falco.output).toBe(falco.output);
  });

  it('reads Falcosidekick webhook output, marked by its uuid, and arrays of alerts', () => {
    const sidekick = { ...falco, uuid: '7b1f3e62-0f7c-4e53-9a6c-1f1d2c3b4a59' };
    const [a, b] = parseFalcoAlerts([sidekick, falco]);
    expect(a).toMatchObject({ origin: 'falcosidekick', uuid: sidekick.uuid });
    expect(b!.origin).toBe('falco');
  });

  it('answers bad input with the field at fault', () => {
    expect(() => parseFalcoAlerts('08:00:18: Warning text')).toThrow('expected a Falco alert object (json_output: true), got string');
    expect(() => parseFalcoAlerts({ ...falco, rule: undefined })).toThrow(/^rule: /);
    expect(() => parseFalcoAlerts({ ...falco, priority: 'Loud' })).toThrow('priority: unknown priority "Loud"');
    expect(() => parseFalcoAlerts({ ...falco, time: 'yesterday' })).toThrow('time: not an RFC 3339 time');
    expect(() => parseFalcoAlerts([falco, { ...falco, output: 5 }])).toThrow(/^alert 2: output: /);
    expect(() => parseFalcoAlerts([])).toThrow('empty array');
  });

  it('bounds every part of an alert', () => {
    expect(() => parseFalcoAlerts({ ...falco, output: 'x'.repeat(FALCO_INTAKE_LIMITS.outputChars + 1) })).toThrow('output is longer than');
    const many = Object.fromEntries(Array.from({ length: FALCO_INTAKE_LIMITS.fieldCount + 1 }, (_, i) => [`f${i}`, i]));
    expect(() => parseFalcoAlerts({ ...falco, output_fields: many })).toThrow('more than 256 fields');
    expect(() => parseFalcoAlerts(Array(FALCO_INTAKE_LIMITS.alertsPerRequest + 1).fill(falco))).toThrow('at most 500');
  });

  it('strips Falco\'s time and priority prefix only when it is there', () => {
    expect(stripFalcoPrefix('2026-11-22T08:00:18.902987117+0000: Critical x y', 'Critical')).toBe('x y');
    expect(stripFalcoPrefix('Critical: not a prefix', 'Critical')).toBe('Critical: not a prefix');
  });

  it('takes the process to link from the output fields, ignoring <NA> and host', () => {
    expect(processHint(falco.output_fields)).toEqual({ pid: 41021, name: 'cat', exepath: null, containerId: '3f2a9c1d4b5e', namespace: null, pod: null });
    expect(processHint({ 'proc.pid': '7', 'container.id': 'host', 'k8s.pod.name': '<NA>' })).toMatchObject({ pid: 7, containerId: null, pod: null });
  });
});

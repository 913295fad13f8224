import { describe, expect, it } from 'vitest';
import type { ProcessJson } from '@/lib/domain/wire-types';
import { createRuleEngine, evaluateAll } from './rule-engine';
import { compileRuleFiles } from './rule-loader';
import type { CompiledRule } from './rule-types';
import { execEvent, exitEvent, fileArg, kprobeEvent, proc, SHIM, SYSTEMD, TIEFIGHTER_POD } from './tetragon-event-fixtures';

const RULES = `
- rule: Any exec
  desc: every exec
  condition: evt.type = execve
  output: exec %proc.exepath by %proc.pname in %k8s.pod.name
  priority: INFO
  tags: [t1]
- rule: Shadow access
  desc: file hook
  condition: evt.hook in (security_file_permission, fd_install) and fd.name = /etc/shadow
  output: "%proc.name read %fd.name"
  priority: WARNING
- rule: Killed
  desc: exit by signal
  condition: evt.signal = SIGKILL
  output: "%proc.name killed"
  priority: ERROR
- rule: Off
  desc: disabled
  condition: evt.type = execve
  output: never
  priority: DEBUG
  enabled: false
- rule: Grandparent is shim
  desc: ancestry
  condition: evt.type = execve and proc.aname[2] startswith containerd-shim
  output: "%proc.name under %proc.aname[2]"
  priority: NOTICE
`;

function engineFor(text = RULES, opts = {}) {
  const { rules, errors } = compileRuleFiles([{ name: 'r.yaml', text }]);
  expect(errors).toEqual([]);
  return createRuleEngine(rules, opts);
}

const shell = proc('/bin/sh', { pod: TIEFIGHTER_POD, parent: SHIM, pid: 200 });
const cat = proc('/bin/cat', { args: '/etc/shadow', pod: TIEFIGHTER_POD, parent: shell, pid: 201 });

describe('createRuleEngine', () => {
  it('returns a match per firing rule, in rule order, with output and fields filled', () => {
    const engine = engineFor();
    expect(engine.rules.map((r) => r.name)).toEqual(['Any exec', 'Shadow access', 'Killed', 'Grandparent is shim']);
    expect(engine.evaluate(execEvent(cat, shell))).toEqual([
      {
        rule: 'Any exec',
        priority: 'INFORMATIONAL',
        output: 'exec /bin/cat by sh in tiefighter',
        outputFields: { 'proc.exepath': '/bin/cat', 'proc.pname': 'sh', 'k8s.pod.name': 'tiefighter' },
        tags: ['t1'],
        desc: 'every exec',
      },
    ]);
    expect(engine.evaluate(kprobeEvent('security_file_permission', cat, shell, [fileArg('/etc/shadow')])).map((m) => m.output)).toEqual([
      'cat read /etc/shadow',
    ]);
    expect(engine.evaluate(exitEvent(cat, shell, 'SIGKILL')).map((m) => m.rule)).toEqual(['Killed']);
  });

  it('never evaluates disabled rules', () => {
    expect(engineFor().evaluate(execEvent(cat, shell)).map((m) => m.rule)).not.toContain('Off');
  });

  it('ignores lines that are not process events', () => {
    const engine = engineFor();
    expect(engine.evaluate({ rate_limit_info: { number_of_dropped_process_events: '5' }, node_name: 'kind-worker' })).toEqual([]);
    expect(engine.evaluate({})).toEqual([]);
  });

  it('offers an event only to the rules whose evt.type it has', () => {
    const calls: string[] = [];
    const spy = (name: string, eventTypes: string[] | null): CompiledRule => ({
      name, desc: '', priority: 'INFORMATIONAL', tags: [], enabled: true, condition: '', output: '', file: 'f', line: 1,
      eventTypes: eventTypes ? new Set(eventTypes) : null,
      matches: () => {
        calls.push(name);
        return false;
      },
      render: () => ({ output: '', outputFields: {} }),
    });
    // Issue 15: evt.type is Falco's syscall event, so the tcp_connect kprobe is offered to `connect` rules.
    const engine = createRuleEngine([spy('exec', ['execve']), spy('any', null), spy('connect', ['connect', 'execve'])]);
    engine.evaluate(execEvent(cat, shell));
    expect(calls).toEqual(['exec', 'any', 'connect']);
    calls.length = 0;
    engine.evaluate(kprobeEvent('tcp_close', cat, shell, []));
    expect(calls).toEqual(['any']);
    calls.length = 0;
    engine.evaluate(kprobeEvent('tcp_connect', cat, shell, []));
    expect(calls).toEqual(['any', 'connect']);
  });

  it('uses the process resolver for ancestry the event lacks', () => {
    const cache = new Map<string, ProcessJson>([[SHIM.exec_id!, SHIM], [SYSTEMD.exec_id!, SYSTEMD], [shell.exec_id!, shell]]);
    const withoutResolver = engineFor();
    const withResolver = engineFor(RULES, { resolveProcess: (id: string) => cache.get(id) });
    const event = execEvent(cat, shell);
    expect(withoutResolver.evaluate(event).map((m) => m.rule)).toEqual(['Any exec']);
    expect(withResolver.evaluate(event).map((m) => m.output)).toEqual([
      'exec /bin/cat by sh in tiefighter',
      'cat under containerd-shim', // issue 15: proc.aname is the 15-character comm, as in Falco
    ]);
  });

  it('gives each match its own tags array', () => {
    const engine = engineFor();
    const first = engine.evaluate(execEvent(cat, shell))[0]!;
    first.tags.push('mutated');
    expect(engine.evaluate(execEvent(cat, shell))[0]!.tags).toEqual(['t1']);
  });
});

describe('evaluateAll', () => {
  it('counts the matches over a batch of events', () => {
    const engine = engineFor();
    const events = [execEvent(cat, shell), exitEvent(cat, shell, 'SIGKILL'), kprobeEvent('tcp_close', cat, shell, [])];
    expect(evaluateAll(engine, events)).toBe(2);
  });
});

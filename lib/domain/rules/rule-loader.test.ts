import { describe, expect, it } from 'vitest';
import type { TetragonEventJson } from '@/lib/domain/wire-types';
import { EventView } from './event-view';
import { compileRuleFiles } from './rule-loader';
import { execEvent, fileArg, kprobeEvent, proc, SHIM, SYSTEMD, TIEFIGHTER_POD } from './tetragon-event-fixtures';

const GOOD = `
- list: shells
  items: [sh, bash]
- macro: spawned_process
  condition: evt.type = execve
- rule: Shell started
  desc: a shell
  condition: spawned_process and proc.name in (shells)
  output: shell %proc.name
  priority: notice
  tags: [test]
`;

const load = (...texts: string[]) => compileRuleFiles(texts.map((text, i) => ({ name: `file${i + 1}.yaml`, text })));
const names = (result: ReturnType<typeof load>) => result.rules.map((r) => r.name);
const matches = (result: ReturnType<typeof load>, event: TetragonEventJson) =>
  result.rules.filter((r) => r.matches(new EventView(event))).map((r) => r.name);

const shellExec = execEvent(proc('/bin/sh', { pod: TIEFIGHTER_POD, parent: SHIM }), SHIM);

describe('compileRuleFiles: loading', () => {
  it('compiles lists, macros and rules into rules with their metadata', () => {
    const result = load(GOOD);
    expect(result.errors).toEqual([]);
    expect(result.rules).toHaveLength(1);
    expect(result.rules[0]).toMatchObject({
      name: 'Shell started',
      desc: 'a shell',
      priority: 'NOTICE',
      tags: ['test'],
      enabled: true,
      condition: 'spawned_process and proc.name in (shells)',
      output: 'shell %proc.name',
      file: 'file1.yaml',
      line: 6,
    });
    expect([...result.rules[0]!.eventTypes!]).toEqual(['execve']);
    expect(matches(result, shellExec)).toEqual(['Shell started']);
  });

  it('accepts priorities in any case, INFO as INFORMATIONAL', () => {
    const rule = (p: string) => `- rule: r\n  desc: d\n  condition: proc.name = x\n  output: o\n  priority: ${p}\n`;
    expect(load(rule('info')).rules[0]!.priority).toBe('INFORMATIONAL');
    expect(load(rule('Critical')).rules[0]!.priority).toBe('CRITICAL');
    expect(load(rule('DEBUG')).rules[0]!.priority).toBe('DEBUG');
  });

  it('shares lists and macros across files, whatever the order', () => {
    const rules = `- rule: Uses later macro\n  desc: d\n  condition: is_cat\n  output: o\n  priority: INFO\n`;
    const macros = `- macro: is_cat\n  condition: proc.name in (cats)\n- list: cats\n  items: [cat]\n`;
    const result = load(rules, macros);
    expect(result.errors).toEqual([]);
    expect(matches(result, execEvent(proc('/bin/cat')))).toEqual(['Uses later macro']);
  });

  it('expands lists inside lists and macros inside macros', () => {
    const result = load(`
- list: small_shells
  items: [sh, dash]
- list: shells
  items: [bash, small_shells]
- macro: spawned_process
  condition: evt.type = execve
- macro: shell_spawned
  condition: spawned_process and proc.name in (shells)
- macro: shell_in_pod
  condition: shell_spawned and k8s.pod.name exists
- rule: Nested
  desc: d
  condition: shell_in_pod
  output: o
  priority: INFO
`);
    expect(result.errors).toEqual([]);
    expect(matches(result, shellExec)).toEqual(['Nested']);
    expect(matches(result, execEvent(proc('/bin/dash')))).toEqual([]); // not in a pod
  });

  it('ignores Falco file-level items and empty files', () => {
    const result = load('- required_engine_version: 0.26.0\n' + GOOD, '', '# only a comment\n');
    expect(result.errors).toEqual([]);
    expect(names(result)).toEqual(['Shell started']);
  });
});

describe('compileRuleFiles: errors name the file and line, and spare the rest', () => {
  it('reports bad YAML and keeps the other files', () => {
    const result = load('- rule: broken\n  condition: [unclosed\n', GOOD);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ file: 'file1.yaml' });
    expect(result.errors[0]!.message).toMatch(/^invalid YAML: /);
    expect(names(result)).toEqual(['Shell started']);
  });

  it('reports a file that is not a list of items', () => {
    expect(load('rule: x\n').errors).toEqual([
      { file: 'file1.yaml', line: 1, message: 'a rule file must be a YAML list of items (- rule: …, - macro: …, - list: …)' },
    ]);
  });

  it('reports an unknown field in a condition at the condition\'s line; other rules of the file load', () => {
    const text = `${GOOD}
- rule: Typo
  desc: d
  condition: evt.type = execve and proc.nmae = sh
  output: o
  priority: WARNING
- rule: Fine
  desc: d
  condition: proc.name = cat
  output: o
  priority: WARNING
`;
    const result = load(text);
    expect(result.errors).toEqual([
      { file: 'file1.yaml', line: 15, message: 'rule "Typo": unknown field "proc.nmae" at column 23' },
    ]);
    expect(names(result)).toEqual(['Shell started', 'Fine']);
  });

  it('reports syntax errors with the column inside the condition', () => {
    const result = load('- rule: Bad\n  desc: d\n  condition: (proc.name = sh and proc.pid = 1))\n  output: o\n  priority: INFO\n');
    expect(result.errors).toEqual([{ file: 'file1.yaml', line: 3, message: 'rule "Bad": unexpected token ")" at column 34' }]);
  });

  it('reports unknown macros and lists', () => {
    const result = load(
      '- rule: A\n  desc: d\n  condition: spawned_proc\n  output: o\n  priority: INFO\n' +
        '- rule: B\n  desc: d\n  condition: proc.name in nolist\n  output: o\n  priority: INFO\n',
    );
    expect(result.errors.map((e) => [e.line, e.message])).toEqual([
      [3, 'rule "A": unknown macro "spawned_proc" at column 1'],
      [8, 'rule "B": unknown list "nolist" at column 14'],
    ]);
  });

  it('reports a broken macro once where it is, and points its users at it', () => {
    const result = load(
      '- macro: bad\n  condition: proc.name ==\n- rule: Uses bad\n  desc: d\n  condition: proc.pid = 1 and bad\n  output: o\n  priority: INFO\n',
      GOOD,
    );
    expect(result.errors).toEqual([
      { file: 'file1.yaml', line: 2, message: 'macro "bad": expected a value after "==" but found end of condition at column 13' },
      { file: 'file1.yaml', line: 5, message: 'rule "Uses bad": macro "bad" has errors (file1.yaml:1) at column 18' },
    ]);
    expect(names(result)).toEqual(['Shell started']);
  });

  it('lets a later good definition replace a broken one', () => {
    const result = load('- macro: is_cat\n  condition: [proc.name]\n', '- macro: is_cat\n  condition: proc.name = cat\n- rule: R\n  desc: d\n  condition: is_cat\n  output: o\n  priority: INFO\n');
    expect(result.errors).toEqual([{ file: 'file1.yaml', line: 2, message: 'macro "is_cat": "condition" must be text' }]);
    expect(names(result)).toEqual(['R']);
  });

  it('reports macros that use themselves', () => {
    const result = load('- macro: a\n  condition: b\n- macro: b\n  condition: proc.name = x or a\n');
    expect(result.errors.map((e) => e.message)).toEqual([
      'macro "a": macro "b" has errors (file1.yaml:3) at column 1',
      'macro "b": macro "a" is used inside its own definition at column 18',
    ]);
  });

  it('reports a list that contains itself', () => {
    const result = load('- list: a\n  items: [x, b]\n- list: b\n  items: [a]\n');
    expect(result.errors.map((e) => e.message)).toContain('list "a" contains itself');
  });

  it('reports unknown item fields at their own line', () => {
    const result = load('- rule: R\n  desc: d\n  condition: proc.name = x\n  output: o\n  priority: INFO\n  severity: high\n');
    expect(result.errors).toEqual([{ file: 'file1.yaml', line: 6, message: 'unknown field "severity" in rule "R"' }]);
  });

  it('reports bad priorities, missing keys, bad types and unknown items', () => {
    const result = load(`
- rule: P
  desc: d
  condition: proc.name = x
  output: o
  priority: URGENT
- rule: Missing
  desc: d
  condition: proc.name = x
- rule: Tags
  desc: d
  condition: proc.name = x
  output: o
  priority: INFO
  tags: oops
- list: l
  items: notalist
- what: is this
- just a string
`);
    expect(result.errors.map((e) => [e.line, e.message])).toEqual([
      [6, 'rule "P": unknown priority "URGENT" (use EMERGENCY, ALERT, CRITICAL, ERROR, WARNING, NOTICE, INFORMATIONAL or DEBUG)'],
      [7, 'rule "Missing": missing "output", "priority"'],
      [15, 'rule "Tags": "tags" must be a list of strings'],
      [17, 'list "l": "items" must be a list'],
      [18, 'unknown item: expected exactly one of "rule", "macro" or "list"'],
      [19, 'each item must be a mapping such as "- rule: name"'],
    ]);
  });

  it('reports unknown fields in outputs and exceptions', () => {
    const result = load(`
- rule: Out
  desc: d
  condition: proc.name = x
  output: >
    x=%proc.nope
  priority: INFO
- rule: Exc
  desc: d
  condition: proc.name = x
  output: o
  priority: INFO
  exceptions:
    - name: e
      fields: [proc.nope]
      values: [[a]]
`);
    expect(result.errors).toEqual([
      { file: 'file1.yaml', line: 5, message: 'rule "Out": unknown field "proc.nope" at column 3 of the output' },
      { file: 'file1.yaml', line: 14, message: 'rule "Exc": exception "e": unknown field "proc.nope"' },
    ]);
  });
});

describe('exceptions', () => {
  const cat = proc('/bin/cat', { args: '/etc/shadow', pod: TIEFIGHTER_POD });
  const sshd = proc('/usr/sbin/sshd', { parent: SYSTEMD });
  const readBy = (p: typeof cat, path = '/etc/shadow') => kprobeEvent('security_file_permission', p, undefined, [fileArg(path), { int_arg: 4 }]);
  const rule = (exceptions: string) => `
- list: readers
  items: [sshd, sudo]
- rule: Shadow read
  desc: d
  condition: fd.name startswith /etc/
  output: o
  priority: WARNING
  exceptions:
${exceptions}`;

  it('suppresses a single-field exception whose values (or list) match', () => {
    const result = load(rule('    - name: trusted\n      fields: proc.name\n      values: [readers, login]\n'));
    expect(result.errors).toEqual([]);
    expect(matches(result, readBy(cat))).toEqual(['Shadow read']);
    expect(matches(result, readBy(sshd))).toEqual([]);
    expect(matches(result, readBy(proc('/bin/login')))).toEqual([]);
  });

  it('needs every field of a tuple to match, with per-field comparisons', () => {
    const result = load(rule(`    - name: sshd_reads_etc
      fields: [proc.name, fd.name]
      comps: [=, startswith]
      values:
        - [sshd, /etc/ssh/]
        - [cat, /etc/hosts]
`));
    expect(result.errors).toEqual([]);
    expect(matches(result, readBy(sshd, '/etc/ssh/sshd_config'))).toEqual([]);
    expect(matches(result, readBy(sshd, '/etc/shadow'))).toEqual(['Shadow read']);
    expect(matches(result, readBy(cat, '/etc/hosts'))).toEqual([]);
    expect(matches(result, readBy(cat, '/etc/shadow'))).toEqual(['Shadow read']);
  });

  it('treats a list inside a tuple as "in", and list names inside it as their items', () => {
    const result = load(rule(`    - name: ns_readers
      fields: [k8s.ns.name, proc.name]
      values:
        - [[kube-system, default], [readers, cat]]
`));
    expect(result.errors).toEqual([]);
    expect(matches(result, readBy(cat))).toEqual([]); // default + cat
    expect(matches(result, readBy(sshd))).toEqual(['Shadow read']); // sshd is on the host: no namespace
  });

  it('reports malformed exceptions', () => {
    const bad = (text: string) => load(rule(text)).errors.map((e) => e.message);
    expect(bad('    - name: x\n      fields: [proc.name, fd.name]\n      values: [[a]]\n')).toEqual([
      'rule "Shadow read": exception "x": value 1 must be a list of 2 values, one per field',
    ]);
    expect(bad('    - name: x\n      fields: [proc.name]\n      comps: [=, =]\n      values: [[a]]\n')).toEqual([
      'rule "Shadow read": exception "x": 1 fields but 2 comps',
    ]);
    expect(bad('    - name: x\n      fields: proc.name\n      comps: like\n      values: [a]\n')).toEqual([
      'rule "Shadow read": exception "x": unknown comparison "like"',
    ]);
    expect(bad('    - name: x\n      fields: proc.pid\n      values: [abc]\n')).toEqual([
      'rule "Shadow read": exception "x": proc.pid is a number, but "abc" is not',
    ]);
    expect(bad('    - fields: proc.name\n      values: [a]\n')).toEqual(['rule "Shadow read": exception 1 needs a name']);
  });
});

describe('append, override and enabled', () => {
  it('appends items to a list and text to a macro', () => {
    const result = load(
      GOOD,
      '- list: shells\n  items: [zsh]\n  append: true\n- macro: spawned_process\n  condition: and proc.pid > 0\n  append: true\n',
    );
    expect(result.errors).toEqual([]);
    expect(matches(result, execEvent(proc('/bin/zsh', { pid: 5 })))).toEqual(['Shell started']);
    expect(matches(result, execEvent(proc('/bin/zsh', { pid: 0 })))).toEqual([]);
  });

  it('appends conditions and exception values to a rule', () => {
    const base = `${GOOD}  exceptions:\n    - name: skip\n      fields: proc.pname\n      values: [tini]\n`;
    const extra = `
- rule: Shell started
  condition: and k8s.pod.name exists
  exceptions:
    - name: skip
      values: [containerd-shim]
  append: true
`;
    const result = load(base, extra);
    expect(result.errors).toEqual([]);
    expect(result.rules[0]!.condition).toBe('spawned_process and proc.name in (shells) and k8s.pod.name exists');
    expect(matches(result, shellExec)).toEqual([]); // parent is now excepted (proc.pname is the 15-character comm, issue 15)
    expect(matches(result, execEvent(proc('/bin/sh', { pod: TIEFIGHTER_POD })))).toEqual(['Shell started']);
    expect(matches(result, execEvent(proc('/bin/sh')))).toEqual([]); // not in a pod
  });

  it('rejects appending to nothing, and appending fields that cannot be appended', () => {
    const result = load(
      GOOD,
      '- list: nothing\n  items: [a]\n  append: true\n- rule: Shell started\n  priority: INFO\n  append: true\n',
    );
    expect(result.errors).toEqual([
      { file: 'file2.yaml', line: 1, message: 'list "nothing" has append: true but no earlier list of that name' },
      { file: 'file2.yaml', line: 5, message: 'rule "Shell started": with append: true only "condition" and "exceptions" can be given, not "priority"' },
    ]);
  });

  it('lets a later definition replace an earlier one', () => {
    const result = load(GOOD, '- list: shells\n  items: [fish]\n');
    expect(matches(result, shellExec)).toEqual([]);
    expect(matches(result, execEvent(proc('/usr/bin/fish')))).toEqual(['Shell started']);
  });

  it('switches a rule off with enabled: false, keeping it loaded', () => {
    const result = load(GOOD, '- rule: Shell started\n  enabled: false\n');
    expect(result.errors).toEqual([]);
    expect(result.rules.map((r) => [r.name, r.enabled])).toEqual([['Shell started', false]]);
  });
});

/**
 * Falco's rule-file semantics, on rule files written in Falco's dialect for this test
 * (testing/falco-dialect/): several files in order, redefinition, append, override, every
 * exception form, enabled, required_engine_version, required_plugin_versions, every priority
 * name, other event sources, bcontains, the "\ " escape, Falco's field names and argument forms —
 * and Holocron's defaults untouched by a user's redefinitions.
 */

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TetragonEventJson } from '@/lib/domain/wire-types';
import { createRuleEngine } from './rule-engine';
import { compileRuleFiles } from './rule-loader';
import { DEATHSTAR_POD, execEvent, fileArg, kprobeEvent, pathArg, proc, SHIM, sockArg, TIEFIGHTER_POD } from './tetragon-event-fixtures';

const read = (path: string) => ({ name: path, text: readFileSync(new URL(path, import.meta.url), 'utf8') });
const DEFAULTS = read('../../../rules/default-rules.yaml');
const BASE = read('./testing/falco-dialect/10-base.yaml');
const USER = read('./testing/falco-dialect/20-user.yaml');
const REDEFINE = read('./testing/falco-dialect/30-redefine-names.yaml');

const loaded = compileRuleFiles([DEFAULTS, BASE, USER]);
const known = new Map([[SHIM.exec_id!, SHIM]]);
const engine = createRuleEngine(loaded.rules, { resolveProcess: (id) => known.get(id) });
const fired = (...events: TetragonEventJson[]) => events.flatMap((e) => engine.evaluate(e));
const names = (...events: TetragonEventJson[]) => fired(...events).map((m) => m.rule);

const shell = proc('/bin/sh', { pod: TIEFIGHTER_POD, parent: SHIM, pid: 400 });
known.set(shell.exec_id!, shell);
const cat = proc('/usr/bin/cat', { args: '/etc/shadow', pod: TIEFIGHTER_POD, parent: shell, pid: 401 });
/** The openat syscall kprobe of deploy/tetragon/falco-file-open.yaml: AT_FDCWD, path, flags, returned fd. */
function openat(p = cat, path = '/etc/shadow', flags = 0, fd = 3, parent = shell): TetragonEventJson {
  const event = kprobeEvent('__x64_sys_openat', p, parent, [{ int_arg: -100 }, { string_arg: path }, { int_arg: flags }]);
  event.process_kprobe!.return = { int_arg: fd };
  return event;
}

describe('loading Falco-dialect files beside the defaults', () => {
  it('loads every syscall rule, with no errors', () => {
    expect(loaded.errors).toEqual([]);
    const state = (name: string) => loaded.statuses.find((s) => s.name === name);
    expect(state('Dialect sensitive read')).toMatchObject({ state: 'loaded', enabled: true, file: BASE.name });
    expect(state('Dialect disabled')).toMatchObject({ state: 'loaded', enabled: false });
  });

  it('reports rules of other event sources as not applicable, not as errors (their macros too)', () => {
    for (const name of ['Dialect audit', 'Dialect audit macro', 'Dialect cloudtrail']) {
      const status = loaded.statuses.find((s) => s.name === name)!;
      expect(status.state, name).toBe('not_applicable');
      expect(status.reason).toMatch(/^source "(k8s_audit|aws_cloudtrail)"/);
    }
    expect(loaded.rules.map((r) => r.name)).not.toContain('Dialect audit');
  });

  it('skips a rule with an unknown field when it says skip-if-unknown-filter', () => {
    expect(loaded.statuses.find((s) => s.name === 'Dialect future field')).toMatchObject({ state: 'skipped' });
    const strict = compileRuleFiles([BASE, { name: 'x.yaml', text: USER.text.replace('skip-if-unknown-filter: true', 'skip-if-unknown-filter: false') }]);
    expect(strict.errors.map((e) => e.message)).toEqual([expect.stringContaining('unknown field "proc.made_up_field"')]);
  });

  it('turns required_engine_version and required_plugin_versions into notices, never errors', () => {
    expect(loaded.notices.map((n) => n.message)).toEqual([
      expect.stringContaining('plugin k8saudit 0.7.0 is not loaded'),
      expect.stringContaining('asks for Falco engine version 0.99.0; Holocron implements 0.57.0'),
    ]);
    expect(loaded.plugins.map((p) => [p.name, p.provided])).toEqual([['container', true], ['k8saudit', false]]);
  });

  it('knows every priority name, any case, INFO included', () => {
    const priorities = loaded.rules.filter((r) => r.name.startsWith('Dialect every priority')).map((r) => r.priority);
    expect(priorities).toEqual(['EMERGENCY', 'ALERT', 'CRITICAL', 'ERROR', 'INFORMATIONAL', 'INFORMATIONAL', 'DEBUG']);
  });

  it('lists the Falco fields a rule reads that Tetragon does not provide', () => {
    expect(loaded.statuses.find((s) => s.name === 'Dialect sensitive read')!.unavailableFields).toEqual(['evt.num']);
  });
});

describe('Falco semantics on Tetragon events', () => {
  it('fires open_read on the openat syscall hook, with fd, flags and arguments by Falco name', () => {
    const [m] = fired(openat());
    expect(m!.rule).toBe('Dialect sensitive read');
    expect(m!.output).toContain('file=/etc/shadow fd=3 flags=O_RDONLY first_arg=/etc/shadow proc=cat gparent=containerd-shim tty=<NA>');
    expect(m!.outputFields).toMatchObject({ 'fd.num': 3, 'evt.arg.flags': 'O_RDONLY', 'proc.tty': null });
  });

  it('does not fire open_read where Falco would not: a write, a failed open, a hook without a descriptor', () => {
    expect(names(openat(cat, '/etc/shadow', 1))).not.toContain('Dialect sensitive read'); // O_WRONLY
    expect(names(openat(cat, '/etc/shadow', 0, -13))).not.toContain('Dialect sensitive read'); // EACCES
    const lsm = kprobeEvent('security_file_permission', cat, shell, [fileArg('/etc/shadow'), { int_arg: 4 }]);
    expect(names(lsm)).toEqual(['Read sensitive file']); // Holocron's own rule, not the fd-less Falco one
  });

  it('appends condition, output, desc, tags and exceptions, and replaces priority (override)', () => {
    const rule = loaded.rules.find((r) => r.name === 'Dialect sensitive read')!;
    expect(rule.condition).toBe('open_read and sensitive_files and not proc.name in (trusted_readers) and not user_known_reads and not proc.pname = backup-agent');
    expect(rule.output.endsWith('(user=%user.name)')).toBe(true);
    expect(rule.desc).toBe('an open for reading of a password file (local tuning)');
    expect(rule.tags).toEqual(['T1555', 'filesystem', 'T1555', 'mitre_credential_access']);
    expect(rule.priority).toBe('CRITICAL');
    const backup = proc('/usr/bin/cat', { pod: { ...TIEFIGHTER_POD, container: { ...TIEFIGHTER_POD.container, image: { name: 'quay.io/example/backup:1' } } }, parent: shell, pid: 402 });
    expect(names(openat(backup))).toEqual([]);
    const agent = proc('/usr/bin/backup-agent');
    const byAgent = proc('/usr/bin/cat', { pod: TIEFIGHTER_POD, parent: agent, pid: 403 });
    expect(names(openat(byAgent, '/etc/shadow', 0, 3, agent))).toEqual([]);
  });

  it('appends list items (append: true and override: append) across files', () => {
    expect(names(openat(cat, '/etc/gshadow'))).toEqual(['Dialect sensitive read']);
    expect(names(openat(cat, '/etc/passwd'))).toEqual([]);
  });

  it('honours enabled: false, alone or through override: replace', () => {
    const fish = proc('/usr/bin/fish', { pod: TIEFIGHTER_POD, parent: shell });
    expect(names(execEvent(fish, shell))).not.toContain('Dialect shell in container');
    expect(names(execEvent(proc('/bin/sh', { args: '"a\\ b"', pod: TIEFIGHTER_POD, parent: shell }), shell))).toContain('Dialect escaped backslash');
    expect(names(execEvent(proc('/bin/echo', { args: '\u007fELF', parent: shell }), shell))).not.toContain('Dialect ELF bytes');
  });

  it('matches bytes with bcontains and backslashes with "\\ "', () => {
    const one = compileRuleFiles([BASE]);
    const e = createRuleEngine(one.rules);
    const rules = (ev: TetragonEventJson) => e.evaluate(ev).map((m) => m.rule);
    expect(rules(execEvent(proc('/bin/echo', { args: 'x\u007fELFy', parent: shell }), shell))).toContain('Dialect ELF bytes');
    expect(rules(execEvent(proc('/bin/echo', { args: 'ELF', parent: shell }), shell))).not.toContain('Dialect ELF bytes');
    expect(rules(execEvent(proc('/usr/bin/sudoedit', { args: '-s x\\', parent: shell }), shell))).toContain('Dialect escaped backslash');
    expect(rules(execEvent(proc('/usr/bin/sudoedit', { args: '-s x', parent: shell }), shell))).not.toContain('Dialect escaped backslash');
  });

  it('applies every exception form: one field, a list name, tuples with pmatch and startswith, appended values', () => {
    const catUnder = (parent: string, opts: { cwd?: string; args?: string; pod?: typeof TIEFIGHTER_POD } = {}) => {
      const p = proc('/bin/cat', { args: opts.args ?? 'x', pod: opts.pod ?? TIEFIGHTER_POD, parent: proc(parent) });
      if (opts.cwd) p.cwd = opts.cwd;
      return names(execEvent(p, proc(parent)));
    };
    expect(catUnder('/bin/bash')).toContain('Dialect exceptions');
    expect(catUnder('/usr/sbin/sshd')).not.toContain('Dialect exceptions');
    expect(catUnder('/usr/bin/sudo')).not.toContain('Dialect exceptions'); // list name
    expect(catUnder('/usr/sbin/cron')).not.toContain('Dialect exceptions'); // appended value
    expect(catUnder('/bin/bash', { cwd: '/var/backups/daily' })).not.toContain('Dialect exceptions'); // pmatch
    expect(catUnder('/bin/bash', { cwd: '/var/backupsX' })).toContain('Dialect exceptions');
    const kubeSystem = { ...DEATHSTAR_POD, namespace: 'kube-system' };
    expect(catUnder('/bin/bash', { pod: kubeSystem, args: '/var/log/x' })).not.toContain('Dialect exceptions'); // startswith
  });

  it('reads syscall arguments by Falco name: ptrace request, socket domain, the server end of a connect', () => {
    const gdb = proc('/usr/bin/gdb', { pod: TIEFIGHTER_POD, parent: shell });
    const ptrace = kprobeEvent('__x64_sys_ptrace', gdb, shell, [{ int_arg: 16 }, { int_arg: 401 }]);
    ptrace.process_kprobe!.return = { int_arg: 0 };
    expect(fired(ptrace).map((m) => m.output)).toEqual(['ptrace (request=PTRACE_ATTACH res=SUCCESS)']);
    const sock = kprobeEvent('__x64_sys_socket', gdb, shell, [{ int_arg: 17 }, { int_arg: 3 }, { int_arg: 768 }]);
    sock.process_kprobe!.return = { int_arg: 5 };
    expect(fired(sock).map((m) => m.output)).toEqual(['packet socket (domain=AF_PACKET fd=5)']);
    const ssh = kprobeEvent('tcp_connect', gdb, shell, [sockArg('10.244.1.17', 51000, '10.0.0.9', 22)]);
    expect(fired(ssh).map((m) => m.output)).toEqual(['ssh (client=10.244.1.17:51000 server=10.0.0.9:22)']);
  });
});

describe("Holocron's defaults survive a user's redefinitions", () => {
  const stubborn = compileRuleFiles([DEFAULTS, REDEFINE]);
  const both = createRuleEngine(stubborn.rules);
  const sh = proc('/bin/sh', { pod: TIEFIGHTER_POD, parent: SHIM, pid: 500 });
  const truncate = proc('/usr/bin/truncate', { args: '-s 0 /var/log/app.log', pod: DEATHSTAR_POD, parent: sh });

  it('loads both; Falco\'s "Terminal shell in container" is reported as needing proc.tty', () => {
    expect(stubborn.errors).toEqual([]);
    expect(stubborn.statuses.find((s) => s.name === 'Terminal shell in container')).toMatchObject({ state: 'loaded', unavailableFields: ['proc.tty'] });
  });

  it('still raises the defaults on a kubectl exec shell, a shadow read and a log truncation', () => {
    const rules = [
      execEvent(sh, SHIM),
      kprobeEvent('security_file_permission', proc('/usr/bin/cat', { pod: TIEFIGHTER_POD, parent: sh }), sh, [fileArg('/etc/shadow'), { int_arg: 4 }]),
      kprobeEvent('security_path_truncate', truncate, sh, [pathArg('/var/log/app.log')]),
    ].flatMap((e) => both.evaluate(e).map((m) => m.rule));
    expect(rules).toEqual(['Shell exec into container', 'Read sensitive file', 'Clear log activities']);
  });
});

describe('IPNET fields', () => {
  it('compare addresses with networks, as Falco does for fd.snet / fd.net (quoted list items too)', () => {
    const files = compileRuleFiles([
      {
        name: 'net.yaml',
        // List items written with quotes inside the YAML string are pasted as quoted values, as in Falco.
        text: `- list: private_networks
  items: ['"10.0.0.0/8"', '"192.168.0.0/16"']
- rule: Private server
  desc: x
  condition: evt.type = connect and fd.snet in (private_networks) and not fd.cnet = 10.244.0.0/16
  output: to %fd.sip from %fd.cip
  priority: NOTICE
`,
      },
    ]);
    expect(files.errors).toEqual([]);
    const e = createRuleEngine(files.rules);
    const gdb = proc('/usr/bin/gdb', { pod: TIEFIGHTER_POD, parent: shell });
    const to = (s: string, d: string) => e.evaluate(kprobeEvent('tcp_connect', gdb, shell, [sockArg(s, 40000, d, 443)])).map((m) => m.output);
    expect(to('172.17.0.5', '10.96.0.1')).toEqual(['to 10.96.0.1 from 172.17.0.5']);
    expect(to('172.17.0.5', '8.8.8.8')).toEqual([]);
    expect(to('10.244.1.17', '10.96.0.1')).toEqual([]);
    const bad = compileRuleFiles([{ name: 'b.yaml', text: '- rule: B\n  desc: x\n  condition: fd.snet = example.com\n  output: x\n  priority: NOTICE\n' }]);
    expect(bad.errors[0]!.message).toContain('compared with IPv4 networks');
  });
});

import { describe, expect, it } from 'vitest';
import type { TetragonEventJson } from '@/lib/domain/wire-types';
import { compileCondition, type CompiledCondition, type ConditionEnv } from './condition-compiler';
import { parseCondition } from './condition-parser';
import { EventView } from './event-view';
import { execEvent, fileArg, kprobeEvent, proc, SHIM, sockArg, TIEFIGHTER_POD } from './tetragon-event-fixtures';

const LISTS = {
  shells: ['sh', 'bash'],
  log_dirs: ['/var/log'],
  ports: ['443', '6443'],
};

function envWith(macros: Record<string, string> = {}): ConditionEnv {
  const compiled = new Map<string, CompiledCondition>();
  const env: ConditionEnv = {
    lists: new Map(Object.entries(LISTS)),
    macro(name) {
      const text = macros[name];
      if (text === undefined) return undefined;
      let done = compiled.get(name);
      if (!done) {
        done = compileCondition(parseCondition(text), env);
        compiled.set(name, done);
      }
      return done;
    },
  };
  return env;
}

const compile = (condition: string, macros?: Record<string, string>) => compileCondition(parseCondition(condition), envWith(macros));
const holds = (condition: string, event: TetragonEventJson, macros?: Record<string, string>) =>
  compile(condition, macros).test(new EventView(event));
const compileError = (condition: string) => {
  try {
    compile(condition);
  } catch (err) {
    return (err as Error).message;
  }
  return 'no error';
};

const shell = proc('/bin/sh', { pod: TIEFIGHTER_POD, parent: SHIM, pid: 32450 });
const cat = proc('/bin/cat', { args: '/etc/shadow', pod: TIEFIGHTER_POD, parent: shell, pid: 32455 });
const catExec = execEvent(cat, shell);
const hostExec = execEvent(proc('/usr/bin/kubelet'));
const shadowRead = kprobeEvent('security_file_permission', cat, shell, [fileArg('/etc/shadow'), { int_arg: 4 }]);
const connect = kprobeEvent('tcp_connect', cat, shell, [sockArg('10.244.1.17', 45200, '10.96.0.1', 443)]);

describe('comparison operators', () => {
  it('= and != on text', () => {
    expect(holds('proc.name = cat', catExec)).toBe(true);
    expect(holds('proc.name == cat', catExec)).toBe(true);
    expect(holds('proc.name = Cat', catExec)).toBe(false);
    expect(holds('proc.name != sh', catExec)).toBe(true);
    expect(holds('proc.name != cat', catExec)).toBe(false);
  });

  it('= on numbers and booleans compares typed values', () => {
    expect(holds('proc.pid = 32455', catExec)).toBe(true);
    expect(holds('proc.pid = "32455"', catExec)).toBe(true);
    expect(holds('user.uid = 0', catExec)).toBe(true);
    expect(holds('container.privileged = false', catExec)).toBe(true);
    expect(holds('container.privileged = true', catExec)).toBe(false);
  });

  it('makes every comparison on an absent field false, != included', () => {
    expect(holds('k8s.ns.name = default', hostExec)).toBe(false);
    expect(holds('k8s.ns.name != default', hostExec)).toBe(false);
    expect(holds('proc.tty != 0', catExec)).toBe(false);
    expect(holds('not proc.tty exists', catExec)).toBe(true);
  });

  it('orders numbers with < <= > >=', () => {
    expect(holds('fd.rport < 1024', connect)).toBe(true);
    expect(holds('fd.rport <= 443', connect)).toBe(true);
    expect(holds('fd.rport > 443', connect)).toBe(false);
    expect(holds('fd.rport >= 443', connect)).toBe(true);
    // Issue 15: fd.sport is Falco's server port (the remote end of a connect), fd.lport the local one.
    expect(holds('fd.lport > 1024', connect)).toBe(true);
    expect(holds('fd.sport = 443', connect)).toBe(true);
  });

  it('matches text with contains, icontains, startswith, endswith and glob', () => {
    expect(holds('proc.args contains shadow', catExec)).toBe(true);
    expect(holds('proc.args contains SHADOW', catExec)).toBe(false);
    expect(holds('proc.args icontains SHADOW', catExec)).toBe(true);
    expect(holds('proc.exepath startswith /bin/', catExec)).toBe(true);
    expect(holds('proc.exepath endswith /cat', catExec)).toBe(true);
    expect(holds('fd.name glob "/etc/sha*"', shadowRead)).toBe(true);
    expect(holds('fd.name glob "/etc/pass*"', shadowRead)).toBe(false);
  });

  it('tests membership with in and intersects, expanding list names', () => {
    expect(holds('proc.pname in (sh, bash)', catExec)).toBe(true);
    expect(holds('proc.pname in (shells)', catExec)).toBe(true);
    expect(holds('proc.pname in shells', catExec)).toBe(true);
    expect(holds('proc.pname in (zsh, shells)', catExec)).toBe(true);
    expect(holds('proc.pname in ("shells")', catExec)).toBe(false); // quoted: a value, not a list
    expect(holds('proc.pname in ()', catExec)).toBe(false);
    expect(holds('fd.rport in (ports)', connect)).toBe(true);
    expect(holds('proc.argv intersects (-e, /etc/shadow)', catExec)).toBe(true);
  });

  it('matches path prefixes with pmatch', () => {
    const at = (path: string) => kprobeEvent('security_path_truncate', cat, shell, [{ path_arg: { path } }]);
    expect(holds('fd.name pmatch (log_dirs)', at('/var/log/deathstar/access.log'))).toBe(true);
    expect(holds('fd.name pmatch (/var/log/)', at('/var/log/x'))).toBe(true);
    expect(holds('fd.name pmatch (log_dirs)', at('/var/log'))).toBe(true);
    expect(holds('fd.name pmatch (log_dirs)', at('/var/logs/x'))).toBe(false);
    expect(holds('fd.name pmatch (/tmp, /var/log)', at('/tmp/x'))).toBe(true);
    expect(holds('fd.name pmatch (/)', at('/anything'))).toBe(true);
  });

  it('tests presence with exists', () => {
    expect(holds('fd.name exists', shadowRead)).toBe(true);
    expect(holds('fd.name exists', catExec)).toBe(false);
    expect(holds('k8s.pod.name exists', hostExec)).toBe(false);
    expect(holds('proc.aname exists', execEvent(proc('/bin/x')))).toBe(false); // empty list
  });

  it('lets a list field match when any element does, and != when none does', () => {
    expect(holds('proc.argv = /etc/shadow', catExec)).toBe(true);
    expect(holds('proc.argv != /etc/shadow', catExec)).toBe(false);
    expect(holds('proc.argv != -e', catExec)).toBe(true);
    expect(holds('k8s.pod.labels contains org:', catExec)).toBe(true);
    expect(holds('proc.aname = sh', catExec)).toBe(true);
  });
});

describe('boolean structure', () => {
  it('evaluates and/or/not with precedence', () => {
    expect(holds('proc.name = sh or proc.name = cat and proc.pname = sh', catExec)).toBe(true);
    expect(holds('(proc.name = sh or proc.name = cat) and proc.pname = bash', catExec)).toBe(false);
    expect(holds('not proc.name = sh and not proc.name = bash', catExec)).toBe(true);
    expect(holds('not (proc.name = cat or proc.name = sh)', catExec)).toBe(false);
  });

  it('expands macros, nested ones included', () => {
    const macros = { in_pod: 'k8s.pod.name exists', shell_child: 'proc.pname in (shells)', pod_shell_child: 'in_pod and shell_child' };
    expect(holds('pod_shell_child and proc.name = cat', catExec, macros)).toBe(true);
    expect(holds('pod_shell_child', hostExec, macros)).toBe(false);
    expect(holds('not in_pod', hostExec, macros)).toBe(true);
  });
});

describe('compile errors point at the problem', () => {
  it('names unknown fields, macros and lists', () => {
    expect(compileError('proc.name = sh and proc.nme = cat')).toBe('unknown field "proc.nme" at column 20');
    expect(compileError('spawned_proces and proc.name = sh')).toBe('unknown macro "spawned_proces" at column 1');
    expect(compileError('proc.name = x or proc.tty')).toBe('field "proc.tty" needs an operator at column 18');
    expect(compileError('proc.name in shellz')).toBe('unknown list "shellz" at column 14');
  });

  it('rejects values that do not fit the field', () => {
    expect(compileError('proc.pid = one')).toBe('proc.pid is a number, but "one" is not at column 12');
    expect(compileError('fd.rport in (443, https)')).toBe('fd.rport is a number, but "https" is not at column 19');
    expect(compileError('container.privileged = yes')).toBe('container.privileged is true or false, not "yes" at column 24');
  });

  it('rejects operators that do not fit the field type', () => {
    expect(compileError('proc.name > 3')).toBe('operator ">" needs a numeric field, but proc.name is a string at column 11');
    expect(compileError('proc.pid contains 3')).toBe('operator "contains" needs a text field, but proc.pid is a number at column 10');
  });
});

describe('event types a condition can match', () => {
  const types = (condition: string, macros?: Record<string, string>) => {
    const set = compile(condition, macros).eventTypes;
    return set ? [...set].sort() : null;
  };

  it('reads evt.type = and in', () => {
    expect(types('evt.type = execve and proc.name = sh')).toEqual(['execve']);
    expect(types('evt.type in (tcp_connect, tcp_close)')).toEqual(['tcp_close', 'tcp_connect']);
  });

  it('intersects across and, unites across or, and gives up on not and !=', () => {
    expect(types('evt.type in (a, b) and evt.type in (b, c)')).toEqual(['b']);
    expect(types('evt.type = a or evt.type = b')).toEqual(['a', 'b']);
    expect(types('evt.type = a or proc.name = sh')).toBeNull();
    expect(types('not evt.type = a')).toBeNull();
    expect(types('evt.type != a')).toBeNull();
    expect(types('proc.name = sh')).toBeNull();
  });

  it('sees through macros', () => {
    expect(types('spawned_process and proc.name = sh', { spawned_process: 'evt.type = execve' })).toEqual(['execve']);
  });
});

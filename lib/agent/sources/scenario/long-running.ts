/**
 * Processes already running when a cycle starts: per node /sbin/init, containerd and kubelet;
 * per pod its containerd-shim-runc-v2 and its container's pid 1. Their execs are never emitted
 * (they predate the agent); events reference them as parents. They are placed relative to the
 * run's origin, so every loop of one run agrees on their exec_ids while a restarted agent
 * (another origin) gets new ones.
 */
import {
  COREDNS_A, COREDNS_B, DEATHSTAR_FQDN, DEATHSTAR_W1, DEATHSTAR_W2, NODES, NODE_NAMES, TIEFIGHTER, XWING,
  type NodeName, type PodFixture,
} from '@/lib/agent/sources/scenario/cluster';
import { nodeBootNs, type Cycle } from '@/lib/agent/sources/scenario/cycle';
import { restartedDeathstar } from '@/lib/agent/sources/scenario/deathstar-restart';
import { makeProc, type Proc } from '@/lib/agent/sources/scenario/tetragon-process';
import { secondsToNs } from '@/lib/agent/sources/scenario/time';
import { CAPABILITY_NAMES } from '@/lib/domain/capability-names';

/** A host process's capabilities: every one Tetragon can name. */
export const HOST_CAPS = [...CAPABILITY_NAMES];

/** The spaceships' pid 1: a shell that lands every few seconds (the background traffic). */
export const TIEFIGHTER_LOOP_ARGS =
  `-c "while true; do curl -s -XPOST ${DEATHSTAR_FQDN}/v1/request-landing; sleep 3; done"`;
export const XWING_LOOP_ARGS = `-c "while true; do curl -s -XPOST ${DEATHSTAR_FQDN}/v1/request-landing; sleep 1; done"`;

const PROCFS_FLAGS = 'procFS auid rootcwd';
const SECOND = 1_000_000_000n;

interface PodMain { pod: PodFixture; shimPid: number; mainPid: number; binary: string; arguments?: string; agoSeconds: number }
const POD_MAINS: PodMain[] = [
  { pod: DEATHSTAR_W1, shimPid: 2214, mainPid: 2263, binary: '/usr/bin/deathstar', agoSeconds: 7980 },
  { pod: DEATHSTAR_W2, shimPid: 1931, mainPid: 1978, binary: '/usr/bin/deathstar', agoSeconds: 7981 },
  { pod: TIEFIGHTER, shimPid: 3107, mainPid: 3151, binary: '/bin/sh', arguments: TIEFIGHTER_LOOP_ARGS, agoSeconds: 2830 },
  { pod: XWING, shimPid: 3122, mainPid: 3170, binary: '/bin/sh', arguments: XWING_LOOP_ARGS, agoSeconds: 2829 },
  { pod: COREDNS_A, shimPid: 1205, mainPid: 1248, binary: '/coredns', arguments: '-conf /etc/coredns/Corefile', agoSeconds: 86_000 },
  { pod: COREDNS_B, shimPid: 1209, mainPid: 1262, binary: '/coredns', arguments: '-conf /etc/coredns/Corefile', agoSeconds: 86_000 },
];

export interface HostDaemons { init: Proc; containerd: Proc; kubelet: Proc }

export interface RunningProcesses {
  host: Record<NodeName, HostDaemons>;
  /** Keyed by pod name. */
  shim: Map<string, Proc>;
  /** The container's pid 1, keyed by pod name; for deathstar-…-7xk2p the current generation. */
  main: Map<string, Proc>;
}

function hostDaemons(node: NodeName, bootNs: bigint): HostDaemons {
  const host = (pid: number, binary: string, afterBootS: number, parent?: Proc, args?: string) =>
    makeProc({
      node, bootNs, pid, binary, flags: PROCFS_FLAGS, startNs: bootNs + secondsToNs(afterBootS), caps: HOST_CAPS,
      ...(args ? { arguments: args } : {}), ...(parent ? { parent } : {}),
    });
  const init = host(1, '/sbin/init', 1.82);
  const containerd = host(187, '/usr/bin/containerd', 9.41, init);
  const kubelet = host(243, '/usr/bin/kubelet', 14.07, init,
    '--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf ' +
      '--config=/var/lib/kubelet/config.yaml --container-runtime-endpoint=unix:///run/containerd/containerd.sock ' +
      `--node-ip=${NODES[node].ip} --provider-id=kind://docker/kind/${node}`);
  return { init, containerd, kubelet };
}

export function runningAtStart(cy: Cycle): RunningProcesses {
  const host = {} as Record<NodeName, HostDaemons>;
  for (const node of NODE_NAMES) host[node] = hostDaemons(node, nodeBootNs(cy.runOriginNs, node));
  const shim = new Map<string, Proc>();
  const main = new Map<string, Proc>();

  for (const m of POD_MAINS) {
    const { node } = m.pod;
    const daemons = host[node];
    const startNs = cy.runOriginNs - secondsToNs(m.agoSeconds);
    const podShim = makeProc({
      node, bootNs: daemons.init.bootNs, pid: m.shimPid, binary: '/usr/bin/containerd-shim-runc-v2',
      arguments: `-namespace k8s.io -id ${m.pod.sandboxId} -address /run/containerd/containerd.sock`,
      flags: PROCFS_FLAGS, startNs: startNs - SECOND, caps: HOST_CAPS, parent: daemons.containerd,
    });
    shim.set(m.pod.name, podShim);
    main.set(m.pod.name, makeProc({
      node, bootNs: daemons.init.bootNs, pid: m.mainPid, binary: m.binary,
      ...(m.arguments ? { arguments: m.arguments } : {}),
      flags: PROCFS_FLAGS, startNs, caps: m.pod.caps,
      container: { pod: m.pod, generation: 0, containerStartNs: startNs - SECOND / 100n, pidInContainer: 1 },
      parent: podShim,
    }));
  }

  // From loop 1 on, the hit deathstar is the one the previous loop restarted.
  const w2Shim = shim.get(DEATHSTAR_W2.name);
  if (cy.loop > 0 && w2Shim) main.set(DEATHSTAR_W2.name, restartedDeathstar(cy.runOriginNs, cy.loop - 1, w2Shim));
  return { host, shim, main };
}

/** Every process of `runningAtStart` as one list (for tests and for procFS-style snapshots). */
export function listRunning(r: RunningProcesses): Proc[] {
  return [...Object.values(r.host).flatMap((h) => [h.init, h.containerd, h.kubelet]), ...r.shim.values(), ...r.main.values()];
}

/** Looks up a running process that must exist; a miss is a bug in the fixtures. */
export function mustGet(map: Map<string, Proc>, podName: string): Proc {
  const proc = map.get(podName);
  if (!proc) throw new Error(`no running process for pod ${podName}`);
  return proc;
}

/**
 * One cycle's context: where its t=0 is, each node's boot time (exec_ids are relative to it),
 * pid allocation and the PRNG streams. Everything that must differ between replays
 * (times, uuids, exec_ids, pids) flows from here, so the generators stay simple.
 */
import type { NodeName } from '@/lib/agent/sources/scenario/cluster';
import { NODES } from '@/lib/agent/sources/scenario/cluster';
import { createPrng, type Prng } from '@/lib/agent/sources/scenario/prng';
import { secondsToNs } from '@/lib/agent/sources/scenario/time';

export const DEATH_STAR_CYCLE_SECONDS = 60;
export const DEATH_STAR_INCIDENT_OFFSET_SECONDS = 12;
export const CYCLE_NS = secondsToNs(DEATH_STAR_CYCLE_SECONDS);

export interface DeathStarOptions {
  /** PRNG seed; default 1977. */
  seed?: number;
  /** Wall-clock ns of this cycle's t=0. */
  baseNs: bigint;
  /** Replay index 0, 1, 2…; loop n is expected to start at the run's first baseNs + n cycles. */
  loop?: number;
}

export interface Cycle {
  readonly seed: number;
  readonly baseNs: bigint;
  readonly loop: number;
  /**
   * t=0 of loop 0 of this run. Processes that outlive a cycle (pod main processes, the looping
   * shells, host daemons) are placed relative to it, so consecutive loops agree on their exec_ids.
   */
  readonly runOriginNs: bigint;
  readonly endNs: bigint;
  /** Wall-clock ns of an offset into the cycle. */
  at(offsetNs: bigint): bigint;
  bootNs(node: NodeName): bigint;
  /** A PRNG stream for one generator, keyed by seed, baseNs and loop. */
  rng(label: string): Prng;
  /** Next host pid for a process started in the background of this cycle. */
  hostPid(node: NodeName): number;
  /** Next pid inside a pod's pid namespace for a background process of this cycle. */
  containerPid(podName: string): number;
}

const WEEK_NS = secondsToNs(7 * 24 * 3600);
const HOST_PID_FIRST = 100_000;
const HOST_PIDS_PER_CYCLE = 1000;
const HOST_PID_SPAN = 4_000_000; // stays under the kernel's pid_max of 4194304
const CONTAINER_PID_FIRST = 20;
const CONTAINER_PIDS_PER_CYCLE = 100;
const CONTAINER_PID_SPAN = 30_000;
// The incident takes fixed slots at the top of each block, so the next loop can name the
// restarted deathstar's pid without replaying this loop's background.
const RESERVED_HOST_SLOT = 900;
const RESERVED_CONTAINER_SLOT = 90;

/** The node's boot: one to two weeks before the run, fixed for a week so it survives restarts. */
export function nodeBootNs(runOriginNs: bigint, node: NodeName): bigint {
  const week = runOriginNs / WEEK_NS;
  return week * WEEK_NS - WEEK_NS - secondsToNs(NODES[node].bootSkewSeconds);
}

const hostPidBlock = (loop: number) => HOST_PID_FIRST + ((loop * HOST_PIDS_PER_CYCLE) % HOST_PID_SPAN);
const containerPidBlock = (loop: number) => CONTAINER_PID_FIRST + ((loop * CONTAINER_PIDS_PER_CYCLE) % CONTAINER_PID_SPAN);

/** Host pid of the incident's `slot`-th process on a node in a given loop. */
export function reservedHostPid(loop: number, slot: number): number {
  return hostPidBlock(loop) + RESERVED_HOST_SLOT + slot;
}

/** Pid inside a pod's namespace of the incident's `slot`-th process in a given loop. */
export function reservedContainerPid(loop: number, slot: number): number {
  return containerPidBlock(loop) + RESERVED_CONTAINER_SLOT + slot;
}

export function createCycle(opts: DeathStarOptions): Cycle {
  const seed = opts.seed ?? 1977;
  const loop = opts.loop ?? 0;
  if (!Number.isInteger(loop) || loop < 0) throw new Error(`loop must be a non-negative integer, got ${loop}`);
  const { baseNs } = opts;
  const runOriginNs = baseNs - BigInt(loop) * CYCLE_NS;
  const hostNext = new Map<NodeName, number>();
  const containerNext = new Map<string, number>();

  return {
    seed,
    baseNs,
    loop,
    runOriginNs,
    endNs: baseNs + CYCLE_NS,
    at: (offsetNs) => baseNs + offsetNs,
    bootNs: (node) => nodeBootNs(runOriginNs, node),
    rng: (label) => createPrng('death-star', label, seed, baseNs, loop),
    hostPid(node) {
      const pid = hostNext.get(node) ?? hostPidBlock(loop);
      if (pid >= hostPidBlock(loop) + RESERVED_HOST_SLOT) throw new Error(`out of background pids on ${node}`);
      hostNext.set(node, pid + 1);
      return pid;
    },
    containerPid(podName) {
      const pid = containerNext.get(podName) ?? containerPidBlock(loop);
      if (pid >= containerPidBlock(loop) + RESERVED_CONTAINER_SLOT) throw new Error(`out of background pids in ${podName}`);
      containerNext.set(podName, pid + 1);
      return pid;
    },
  };
}

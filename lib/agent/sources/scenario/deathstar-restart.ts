/**
 * The deathstar container on kind-worker2 is killed in every cycle and restarted at a fixed
 * offset with a fixed pid slot. Fixed, so the next loop can rebuild the very process the
 * previous loop started (same exec_id) and spawn its incident from it.
 */
import { DEATHSTAR_W2 } from '@/lib/agent/sources/scenario/cluster';
import { CYCLE_NS, DEATH_STAR_INCIDENT_OFFSET_SECONDS, reservedHostPid } from '@/lib/agent/sources/scenario/cycle';
import { makeProc, type Proc } from '@/lib/agent/sources/scenario/tetragon-process';
import { msToNs, secondsToNs } from '@/lib/agent/sources/scenario/time';

/** Offset into a cycle of the new /usr/bin/deathstar exec (T+16s and a bit). */
export const DEATHSTAR_RESTART_OFFSET_NS = secondsToNs(DEATH_STAR_INCIDENT_OFFSET_SECONDS + 16) + 431_207n;
/** Host pid slot of the restarted deathstar among the incident's reserved pids. */
export const RESTART_PID_SLOT = 9;
// containerd creates the container a little before runc execs its entrypoint.
const CONTAINER_CREATE_LEAD_NS = msToNs(11.4);

/**
 * The /usr/bin/deathstar started by the restart in loop `loop` of the run beginning at
 * `runOriginNs`: container generation loop+1, pid 1 in its container, child of the pod's shim.
 */
export function restartedDeathstar(runOriginNs: bigint, loop: number, shim: Proc): Proc {
  const startNs = runOriginNs + BigInt(loop) * CYCLE_NS + DEATHSTAR_RESTART_OFFSET_NS;
  return makeProc({
    node: DEATHSTAR_W2.node,
    bootNs: shim.bootNs,
    pid: reservedHostPid(loop, RESTART_PID_SLOT),
    binary: '/usr/bin/deathstar',
    flags: 'execve rootcwd clone',
    startNs,
    caps: DEATHSTAR_W2.caps,
    container: {
      pod: DEATHSTAR_W2,
      generation: loop + 1,
      containerStartNs: startNs - CONTAINER_CREATE_LEAD_NS,
      pidInContainer: 1,
    },
    parent: shim,
  });
}

/**
 * Offsets during which background traffic avoids the kind-worker2 replica: from just before the
 * incident's request until the restarted server is up (kill at T+15.2s, restart at T+16s).
 */
export const DEATHSTAR_W2_OUTAGE = {
  fromNs: secondsToNs(DEATH_STAR_INCIDENT_OFFSET_SECONDS + 14.5),
  toNs: DEATHSTAR_RESTART_OFFSET_NS + secondsToNs(1),
};

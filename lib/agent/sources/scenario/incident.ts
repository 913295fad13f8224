/**
 * The exhaust-port incident of SCENARIO.md, steps 1–5, at fixed offsets from
 * T = DEATH_STAR_INCIDENT_OFFSET_SECONDS. Only uuids, ports and a few microseconds of network
 * timing vary between cycles; the process tree is the same every time.
 */
import { DEATHSTAR_W2, TIEFIGHTER } from '@/lib/agent/sources/scenario/cluster';
import { DEATH_STAR_INCIDENT_OFFSET_SECONDS, reservedContainerPid, reservedHostPid, type Cycle } from '@/lib/agent/sources/scenario/cycle';
import { allowedRequest } from '@/lib/agent/sources/scenario/deathstar-request';
import { DEATHSTAR_RESTART_OFFSET_NS, restartedDeathstar } from '@/lib/agent/sources/scenario/deathstar-restart';
import { mustGet, type RunningProcesses } from '@/lib/agent/sources/scenario/long-running';
import type { ScenarioItem } from '@/lib/agent/sources/scenario/scenario-item';
import { execItem, exitItem, kprobeItem } from '@/lib/agent/sources/scenario/tetragon-events';
import { childOf, makeProc, type Proc } from '@/lib/agent/sources/scenario/tetragon-process';
import { msToNs, secondsToNs } from '@/lib/agent/sources/scenario/time';

export const LOG_FILE = '/var/log/deathstar/access.log';
export const HANDLER_SHELL_ARGS = `-c "truncate -s 0 ${LOG_FILE}; /usr/bin/kill -9 1"`;

// Host pid slots (see reservedHostPid); kind-worker and kind-worker2 have separate pid spaces,
// distinct numbers just make the events easier to tell apart.
const SLOT = { sh: 0, cat: 1, curl: 2, handler: 3, truncate: 4, kill: 5 } as const;

/** Offset from cycle t=0 of `seconds` after T. */
const afterT = (seconds: number) => secondsToNs(DEATH_STAR_INCIDENT_OFFSET_SECONDS + seconds);
const SHELL_OFFSET_NS = afterT(0) + 187_443n;

function kubectlExecShell(cy: Cycle, running: RunningProcesses): Proc {
  const pid1 = mustGet(running.main, TIEFIGHTER.name);
  if (!pid1.container) throw new Error('tiefighter pid 1 has no container');
  // `kubectl exec` enters the running container: runc is forked by the pod's shim, so the shell's
  // parent is the (host) shim while the shell itself lives in tiefighter's container.
  return makeProc({
    node: TIEFIGHTER.node, bootNs: pid1.bootNs, pid: reservedHostPid(cy.loop, SLOT.sh), binary: '/bin/sh',
    flags: 'execve rootcwd clone', startNs: cy.at(SHELL_OFFSET_NS), caps: TIEFIGHTER.caps,
    container: { ...pid1.container, pidInContainer: reservedContainerPid(cy.loop, SLOT.sh) },
    parent: mustGet(running.shim, TIEFIGHTER.name),
  });
}

function readShadow(cy: Cycle, sh: Proc): ScenarioItem[] {
  const startNs = cy.at(afterT(6) + 902_117n);
  const cat = childOf(sh, {
    pid: reservedHostPid(cy.loop, SLOT.cat), pidInContainer: reservedContainerPid(cy.loop, SLOT.cat),
    binary: '/usr/bin/cat', arguments: '/etc/shadow', startNs,
  });
  return [
    execItem(cat),
    // deploy/tetragon/falco-file-open.yaml: the openat syscall with its flags and returned fd, as
    // Falco's open_read macro needs them (the LSM hook below tells neither).
    kprobeItem(cat, startNs + msToNs(0.87), {
      functionName: '__x64_sys_openat', policyName: 'falco-file-open',
      args: [{ int_arg: -100 }, { string_arg: '/etc/shadow' }, { int_arg: 0 }], returnArg: { int_arg: 3 },
    }),
    kprobeItem(cat, startNs + msToNs(0.91), {
      functionName: 'security_file_permission', policyName: 'sensitive-files',
      args: [{ file_arg: { path: '/etc/shadow', permission: '-rw-r-----' } }, { int_arg: 4 }],
    }),
    exitItem(cat, startNs + msToNs(1.63)),
  ];
}

/** The request handler's shell: truncate the access log, then kill the server (pid 1). */
function handlerSpawn(cy: Cycle, deathstar: Proc): ScenarioItem[] {
  const shStart = cy.at(afterT(15.2) + 61_390n);
  const sh = childOf(deathstar, {
    pid: reservedHostPid(cy.loop, SLOT.handler), pidInContainer: 14, binary: '/bin/sh',
    arguments: HANDLER_SHELL_ARGS, startNs: shStart,
  });
  const truncStart = shStart + msToNs(1.74);
  const truncate = childOf(sh, {
    pid: reservedHostPid(cy.loop, SLOT.truncate), pidInContainer: 15, binary: '/usr/bin/truncate',
    arguments: `-s 0 ${LOG_FILE}`, startNs: truncStart,
  });
  const killStart = truncStart + msToNs(2.31);
  const kill = childOf(sh, {
    pid: reservedHostPid(cy.loop, SLOT.kill), pidInContainer: 16, binary: '/usr/bin/kill',
    arguments: '-9 1', startNs: killStart,
  });
  const killedNs = killStart + msToNs(0.58);
  return [
    execItem(sh),
    execItem(truncate),
    kprobeItem(truncate, truncStart + msToNs(0.42), {
      functionName: 'security_path_truncate', policyName: 'log-tamper', args: [{ path_arg: { path: LOG_FILE } }],
    }),
    exitItem(truncate, truncStart + msToNs(0.97)),
    execItem(kill),
    exitItem(kill, killedNs),
    // pid 1 dying takes the rest of its pid namespace with it.
    exitItem(deathstar, killedNs + msToNs(0.11), { signal: 'SIGKILL' }),
    exitItem(sh, killedNs + msToNs(0.19), { signal: 'SIGKILL' }),
  ];
}

export function incident(cy: Cycle, running: RunningProcesses): ScenarioItem[] {
  const rng = cy.rng('incident');
  const sh = kubectlExecShell(cy, running);
  const items: ScenarioItem[] = [execItem(sh), ...readShadow(cy, sh)];

  const exhaust = allowedRequest({
    rng, shell: sh, client: TIEFIGHTER, replica: DEATHSTAR_W2, startNs: cy.at(afterT(15) + 3_004_551n),
    pid: reservedHostPid(cy.loop, SLOT.curl), pidInContainer: reservedContainerPid(cy.loop, SLOT.curl),
    method: 'PUT', path: '/v1/exhaust-port', code: 500, latencyNs: msToNs(243.8),
  });
  items.push(...exhaust.items);

  const deathstar = mustGet(running.main, DEATHSTAR_W2.name);
  items.push(...handlerSpawn(cy, deathstar));

  const restarted = restartedDeathstar(cy.runOriginNs, cy.loop, mustGet(running.shim, DEATHSTAR_W2.name));
  items.push(execItem(restarted));

  items.push(exitItem(sh, cy.at(afterT(41) + 512_006n)));
  return items;
}

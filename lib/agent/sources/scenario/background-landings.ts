/**
 * The spaceships' landing loops: tiefighter's shell runs curl then `sleep 3` forever and gets
 * 200s; xwing's runs curl then `sleep 1` and every SYN is dropped by rule1. Requests alternate
 * between the two deathstar replicas, except while the kind-worker2 one is down for the
 * incident. Nothing here may look like an attack: only curl and sleep, forked by pid 1.
 */
import { DEATHSTAR_W1, DEATHSTAR_W2, TIEFIGHTER, XWING, type PodFixture } from '@/lib/agent/sources/scenario/cluster';
import type { Cycle } from '@/lib/agent/sources/scenario/cycle';
import { allowedRequest, deniedRequest, type DeathstarRequest } from '@/lib/agent/sources/scenario/deathstar-request';
import { DEATHSTAR_W2_OUTAGE } from '@/lib/agent/sources/scenario/deathstar-restart';
import { mustGet, type RunningProcesses } from '@/lib/agent/sources/scenario/long-running';
import type { ScenarioItem } from '@/lib/agent/sources/scenario/scenario-item';
import { execItem, exitItem } from '@/lib/agent/sources/scenario/tetragon-events';
import { childOf } from '@/lib/agent/sources/scenario/tetragon-process';
import { msToNs, secondsToNs } from '@/lib/agent/sources/scenario/time';

interface LoopSpec {
  pod: PodFixture;
  sleepSeconds: number;
  denied: boolean;
}

// Longest a request can take (xwing's three SYNs), so a loop never starts one it cannot finish
// inside the cycle.
const REQUEST_BUDGET_NS = secondsToNs(3.2);

function pickReplica(cy: Cycle, iteration: number, startNs: bigint): PodFixture {
  const offset = startNs - cy.baseNs;
  const overlapsOutage = offset + REQUEST_BUDGET_NS >= DEATHSTAR_W2_OUTAGE.fromNs && offset < DEATHSTAR_W2_OUTAGE.toNs;
  return iteration % 2 === 1 && !overlapsOutage ? DEATHSTAR_W2 : DEATHSTAR_W1;
}

function landingLoop(cy: Cycle, running: RunningProcesses, spec: LoopSpec): ScenarioItem[] {
  const { pod } = spec;
  const rng = cy.rng(`landings/${pod.name}`);
  const shell = mustGet(running.main, pod.name);
  const sleepNs = secondsToNs(spec.sleepSeconds);
  const items: ScenarioItem[] = [];
  let startNs = cy.at(msToNs(rng.between(40, 900)));
  let iteration = rng.int(0, 1);

  while (startNs + REQUEST_BUDGET_NS + sleepNs + secondsToNs(0.5) < cy.endNs) {
    const req: DeathstarRequest = {
      rng, shell, client: pod, replica: pickReplica(cy, iteration, startNs), startNs,
      pid: cy.hostPid(pod.node), pidInContainer: cy.containerPid(pod.name),
      method: 'POST', path: '/v1/request-landing',
    };
    const result = spec.denied
      ? deniedRequest(req)
      : allowedRequest({ ...req, code: 200, latencyNs: msToNs(rng.between(1.1, 6.5)) });
    items.push(...result.items);

    const sleepStartNs = result.endNs + msToNs(rng.between(0.3, 0.9));
    const sleep = childOf(shell, {
      pid: cy.hostPid(pod.node), pidInContainer: cy.containerPid(pod.name),
      binary: '/bin/sleep', arguments: String(spec.sleepSeconds), startNs: sleepStartNs,
    });
    const sleepEndNs = sleepStartNs + sleepNs + msToNs(rng.between(0.1, 1.5));
    items.push(execItem(sleep), exitItem(sleep, sleepEndNs));

    // Scheduling noise on a busy node: the next curl does not start exactly on the beat.
    startNs = sleepEndNs + msToNs(rng.between(0.4, 260));
    iteration++;
  }
  return items;
}

export function backgroundLandings(cy: Cycle, running: RunningProcesses): ScenarioItem[] {
  return [
    ...landingLoop(cy, running, { pod: TIEFIGHTER, sleepSeconds: 3, denied: false }),
    ...landingLoop(cy, running, { pod: XWING, sleepSeconds: 1, denied: true }),
  ];
}

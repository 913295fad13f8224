/**
 * The built-in `death-star` scenario: one minute of the `empire` cluster — several hundred
 * background events plus the exhaust-port incident at T = 12 s — as upstream protojson lines
 * with wall-clock times. Pure: the caller supplies the base time and replays loop after loop
 * (loop n at the run's first baseNs + n × 60 s keeps the process trees continuous).
 */
import { backgroundInfra } from '@/lib/agent/sources/scenario/background-infra';
import { backgroundLandings } from '@/lib/agent/sources/scenario/background-landings';
import { createCycle, type DeathStarOptions } from '@/lib/agent/sources/scenario/cycle';
import { incident } from '@/lib/agent/sources/scenario/incident';
import { listRunning, runningAtStart } from '@/lib/agent/sources/scenario/long-running';
import type { ScenarioItem } from '@/lib/agent/sources/scenario/scenario-item';
import type { ProcessJson } from '@/lib/domain/wire-types';

export type { ScenarioItem } from '@/lib/agent/sources/scenario/scenario-item';
export type { DeathStarOptions } from '@/lib/agent/sources/scenario/cycle';
export { DEATH_STAR_CYCLE_SECONDS, DEATH_STAR_INCIDENT_OFFSET_SECONDS } from '@/lib/agent/sources/scenario/cycle';

/** One cycle, sorted by time (ties keep generation order, so the output is fully deterministic). */
export function deathStarScenario(opts: DeathStarOptions): ScenarioItem[] {
  const cy = createCycle(opts);
  const running = runningAtStart(cy);
  const items = [...backgroundLandings(cy, running), ...backgroundInfra(cy, running), ...incident(cy, running)];
  return items.sort((a, b) => (a.timeNs < b.timeNs ? -1 : a.timeNs > b.timeNs ? 1 : 0));
}

/**
 * The processes already running at the cycle's t=0 (host daemons, pod shims, containers' pid 1),
 * whose execs the cycle never emits but whose exec_ids its events name as parents. An agent may
 * announce them at start the way Tetragon does for /proc (flags "procFS").
 */
export function deathStarRunningProcesses(opts: DeathStarOptions): ProcessJson[] {
  return listRunning(runningAtStart(createCycle(opts))).map((p) => structuredClone(p.process));
}

import fs from 'node:fs';

/**
 * CPU time of this process's threads, by thread id (Linux /proc/self/task): for a thread the
 * bench cannot ask itself, such as the store's writer (a worker thread started by SqliteStore).
 * On a shared machine a wall-clock rate is mostly waiting for a core; CPU per item is not.
 */
const TICK_MS = 10; // USER_HZ is 100 on Linux

export function threadIds(): Set<number> {
  try {
    return new Set(fs.readdirSync('/proc/self/task').map(Number));
  } catch {
    return new Set();
  }
}

/** User + system milliseconds of the given threads (those that ended count as 0). */
export function threadsCpuMs(tids: Iterable<number>): number {
  let ticks = 0;
  for (const tid of tids) {
    try {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // Fields after the parenthesised name: state is field 3, utime 14, stime 15.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // gone
    }
  }
  return ticks * TICK_MS;
}

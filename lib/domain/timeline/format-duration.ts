/**
 * Durations for the timeline's axis, tooltips and details: the unit follows the size, so a fork
 * reads "0.58 ms", a request "243.8 ms" and a pod's life "2 h 13 min".
 */
const NS = { us: 1e3, ms: 1e6, s: 1e9, min: 60e9, h: 3600e9, d: 86_400e9 } as const;

function trim(n: number, digits: number): string {
  const text = n.toFixed(digits);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

export function formatDuration(ns: number): string {
  if (!Number.isFinite(ns)) return '—';
  const sign = ns < 0 ? '−' : '';
  const a = Math.abs(ns);
  if (a < NS.us) return `${sign}${trim(a, 0)} ns`;
  if (a < NS.ms) return `${sign}${trim(a / NS.us, a < 10 * NS.us ? 2 : 1)} µs`;
  if (a < NS.s) return `${sign}${trim(a / NS.ms, a < 10 * NS.ms ? 2 : 1)} ms`;
  if (a < NS.min) return `${sign}${trim(a / NS.s, a < 10 * NS.s ? 2 : 1)} s`;
  if (a < NS.h) return `${sign}${Math.floor(a / NS.min)} min ${Math.round((a % NS.min) / NS.s)} s`.replace(/ 0 s$/, '');
  if (a < NS.d) return `${sign}${Math.floor(a / NS.h)} h ${Math.round((a % NS.h) / NS.min)} min`.replace(/ 0 min$/, '');
  return `${sign}${Math.floor(a / NS.d)} d ${Math.round((a % NS.d) / NS.h)} h`.replace(/ 0 h$/, '');
}

/** An offset from the start of the range, as the axis labels it: "+15.2 s", "0". */
export function formatOffset(ns: number): string {
  if (ns === 0) return '0';
  return `${ns > 0 ? '+' : ''}${formatDuration(ns)}`;
}

/** Wall-clock time of an instant in ns since the epoch, UTC, to the microsecond: "09:14:15.203512". */
export function clockTime(ns: number): string {
  const ms = Math.floor(ns / 1e6);
  const us = Math.floor((ns - ms * 1e6) / 1e3);
  return `${new Date(ms).toISOString().slice(11, 23)}${String(us).padStart(3, '0')}`;
}

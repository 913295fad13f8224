import { microsToIso } from '@/lib/domain/time';

/** "11-22 09:14:15.212" (UTC) from microseconds; the full time belongs in a tooltip. */
export function shortTime(us: number): string {
  const iso = microsToIso(us);
  return `${iso.slice(5, 10)} ${iso.slice(11, 23)}`;
}

/** "3 s", "4 min", "2 h" between two instants. */
export function spanText(fromUs: number, toUs: number): string {
  const s = Math.max(0, (toUs - fromUs) / 1e6);
  if (s < 60) return `${Math.round(s)} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 86400) return `${(s / 3600).toFixed(s < 36000 ? 1 : 0)} h`;
  return `${(s / 86400).toFixed(1)} d`;
}

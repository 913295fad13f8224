/**
 * Falco's priority scale. Rule files spell priorities in any case and accept INFO as a short
 * form; everything downstream sees the canonical upper-case name.
 */

export const PRIORITIES = [
  'EMERGENCY',
  'ALERT',
  'CRITICAL',
  'ERROR',
  'WARNING',
  'NOTICE',
  'INFORMATIONAL',
  'DEBUG',
] as const;

export type Priority = (typeof PRIORITIES)[number];

/** Falco's own spelling of each priority, as its JSON output and log lines carry it. */
export const FALCO_PRIORITY_NAME: Record<Priority, string> = {
  EMERGENCY: 'Emergency',
  ALERT: 'Alert',
  CRITICAL: 'Critical',
  ERROR: 'Error',
  WARNING: 'Warning',
  NOTICE: 'Notice',
  INFORMATIONAL: 'Informational',
  DEBUG: 'Debug',
};

const ALIASES: Record<string, Priority> = { INFO: 'INFORMATIONAL' };

/** The canonical priority for a rule file's spelling, or undefined when it is not one. */
export function parsePriority(text: string): Priority | undefined {
  const upper = text.trim().toUpperCase();
  const alias = ALIASES[upper];
  if (alias) return alias;
  return (PRIORITIES as readonly string[]).includes(upper) ? (upper as Priority) : undefined;
}

/** 0 for EMERGENCY up to 7 for DEBUG, so "at least WARNING" is `rank(p) <= rank('WARNING')`. */
export function priorityRank(priority: Priority): number {
  return PRIORITIES.indexOf(priority);
}

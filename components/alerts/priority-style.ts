import { FALCO_PRIORITY_NAME, type Priority } from '@/lib/domain/rules/priority';

/**
 * One colour per Falco priority, most alarming first, used by badges, counts and the timeline
 * alike so a colour means the same everywhere.
 */
export const PRIORITY_COLOR: Record<Priority, string> = {
  EMERGENCY: '#e879f9',
  ALERT: '#fb7185',
  CRITICAL: '#ef4444',
  ERROR: '#f97316',
  WARNING: '#facc15',
  NOTICE: '#38bdf8',
  INFORMATIONAL: '#a3a3a3',
  DEBUG: '#64748b',
};

/** Falco's names, with INFORMATIONAL shortened to fit a badge. */
export const PRIORITY_LABEL: Record<Priority, string> = { ...FALCO_PRIORITY_NAME, INFORMATIONAL: 'Info' };

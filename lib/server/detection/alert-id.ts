import { createHash } from 'node:crypto';

/**
 * An alert's id, from its rule and its evidence event's (content-derived, stable) id: the same
 * event replayed, re-imported or re-evaluated after a restart yields the same alert, never a
 * second one. SHA-256 like event ids, so a crafted event cannot aim at another alert's id.
 */
export function alertId(rule: string, eventId: string): string {
  return `al-${createHash('sha256').update(`${rule}\u0000${eventId}`).digest('base64url').slice(0, 22)}`;
}

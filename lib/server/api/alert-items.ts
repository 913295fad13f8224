import type { AlertDetail, AlertListItem, StoredFalcoAlertJson } from '@/lib/contract/alerts';
import { eventItem } from './items';
import { alertLinks } from '@/lib/domain/alerts/alert-links';
import type { Hub } from '../hub';
import type { AlertRow } from '../store/alert-store';

/** Stored alerts → API items (lib/contract/alerts.ts): summary columns, Falco's JSON as `event`, and links to the evidence. */
export type { AlertDetail, AlertListItem };

export function alertItem(row: AlertRow): AlertListItem {
  return { ...row.summary, event: JSON.parse(row.json) as StoredFalcoAlertJson, links: alertLinks(row.summary) };
}

export const MAX_EVIDENCE = 100;

export async function alertDetail(hub: Hub, id: string): Promise<AlertDetail | null> {
  const row = await hub.store.getAlert(id);
  if (!row) return null;
  const hits = await hub.store.alertEvidence(id, MAX_EVIDENCE);
  const evidence = await Promise.all(
    hits.map(async (h) => {
      const stored = await hub.store.getEvent(h.eventId);
      return { ...h, event: stored ? eventItem(stored) : null };
    }),
  );
  const rule = hub.detection.rules.find((r) => r.name === row.summary.rule);
  return {
    ...alertItem(row),
    evidence,
    ruleInfo: rule ? { desc: rule.desc, file: rule.file, line: rule.line, condition: rule.condition } : null,
  };
}

import type { Hub } from '../hub';
import { isDraining } from './lifecycle';

export interface Readiness {
  ready: boolean;
  reasons: string[];
  agents: number;
}

/**
 * /readyz: take traffic only when the store answers, the agents to ingest from are known and the
 * process is not shutting down. A disconnected agent does not make the server unready (queries
 * still work, and the overview says so); a store that cannot answer does.
 */
export async function readiness(hub: Hub | null, timeoutMs = 2000): Promise<Readiness> {
  const reasons: string[] = [];
  if (isDraining()) reasons.push('shutting down');
  if (!hub) return { ready: false, reasons: [...reasons, 'starting: the store is not open yet'], agents: 0 };
  const answered = await Promise.race([
    hub.store.counts().then(
      () => null,
      (e: Error) => `store: ${e.message}`,
    ),
    new Promise<string>((r) => setTimeout(() => r(`store: no answer in ${timeoutMs} ms`), timeoutMs).unref()),
  ]);
  if (answered) reasons.push(answered);
  if (hub.config.role !== 'query' && hub.agents.length < hub.config.agents.length) reasons.push('agents: not all configured agents are known yet');
  // A `+dns` name never resolved yet: its agents are not known (a later failure keeps the last answer).
  for (const d of hub.discovery ?? []) if (d.status.resolutions === 0) reasons.push(`agents: ${d.status.name} not resolved yet (${d.status.lastError ?? 'resolving'})`);
  return { ready: reasons.length === 0, reasons, agents: hub.agents.length };
}

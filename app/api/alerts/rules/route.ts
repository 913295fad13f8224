import { ensureHub } from '@/lib/server/hub';
import { handle } from '@/lib/server/http/http-error';
import { apiJson } from '@/lib/server/http/api-json';

export const dynamic = 'force-dynamic';

/**
 * GET /api/alerts/rules — the effective rule set: every rule of every rule file in load order,
 * its file and line, enabled or not, loaded or why not (error, another event source,
 * skip-if-unknown-filter), the Falco fields it reads that Tetragon does not provide, and how many
 * events that could fire it were seen since start.
 */
export const GET = handle(async () => {
  const hub = await ensureHub();
  return apiJson('GET /api/alerts/rules', hub.detection.ruleSet());
});

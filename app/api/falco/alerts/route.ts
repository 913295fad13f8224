import { FALCO_INTAKE_LIMITS, FalcoIntakeError, parseFalcoAlerts } from '@/lib/domain/alerts/falco-intake';
import { falcoOccurrence, linkFalcoAlert } from '@/lib/server/detection/falco-intake';
import { readJsonBody } from '@/lib/server/http/read-json-body';
import { handle, HttpError } from '@/lib/server/http/http-error';
import { ensureHub } from '@/lib/server/hub';
import { apiJson } from '@/lib/server/http/api-json';

export const dynamic = 'force-dynamic';

/**
 * POST /api/falco/alerts: Falco's http_output (json_output: true) or Falcosidekick's webhook
 * output. Authenticated like every API (send the token with Falco's http_output.custom_headers or
 * Falcosidekick's webhook.customheaders). Answers which alerts were stored, which were already
 * known (same Falcosidekick uuid, or the same alert posted again) and the Tetragon process each
 * was linked to.
 */
export const POST = handle(async (request: Request) => {
  const hub = await ensureHub();
  const body = await readJsonBody(request, FALCO_INTAKE_LIMITS.bodyBytes);
  let alerts;
  try {
    alerts = parseFalcoAlerts(body);
  } catch (e) {
    if (e instanceof FalcoIntakeError) throw new HttpError(e.status, e.message);
    throw e;
  }
  const receivedAt = new Date().toISOString();
  const linked = await Promise.all(alerts.map((a) => linkFalcoAlert(hub.store, a)));
  const occurrences = alerts.map((a, i) => falcoOccurrence(a, linked[i]!, receivedAt));
  const result = await hub.detection.recordExternal(occurrences);
  if (!result) throw new HttpError(503, 'the alert store did not accept the alerts (see /api/health); retry later');
  const created = new Set(result.created.map((r) => r.summary.id));
  return apiJson(
    'POST /api/falco/alerts',
    {
      accepted: occurrences.length - result.duplicates,
      duplicates: result.duplicates,
      alerts: occurrences.map((o, i) => ({
        id: o.id,
        rule: o.rule,
        origin: alerts[i]!.origin,
        stored: created.has(o.id) ? 'new' : 'counted into an earlier alert, or already stored',
        link: linked[i] ? { exec_id: linked[i]!.execId, event_id: linked[i]!.eventId, namespace: linked[i]!.namespace, pod: linked[i]!.pod, matched_on: linked[i]!.matchedOn } : null,
      })),
    },
    { status: 202 },
  );
});

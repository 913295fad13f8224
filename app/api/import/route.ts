import { ensureHub } from '@/lib/server/hub';
import { importNdjson } from '@/lib/server/api/import-ndjson';
import { guardRoute } from '@/lib/server/auth/guard';
import { handle, HttpError } from '@/lib/server/http/http-error';
import { auditWho } from '@/lib/server/auth/request-identity';
import { audit } from '@/lib/server/ops/audit-log';
import { apiJson } from '@/lib/server/http/api-json';

export const dynamic = 'force-dynamic';

// Outside the proxy (see proxy.ts's matcher), so that the body streams instead of being
// buffered whole: the same checks run here first.
export const POST = handle(async (request: Request) => {
  const refused = guardRoute(request, '/api/import');
  if (refused) return refused;
  const hub = await ensureHub();
  const limit = hub.config.maxUploadBytes;
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > limit) {
    throw new HttpError(413, `upload is ${declared} bytes; the limit is ${limit} bytes (HOLOCRON_MAX_UPLOAD_SIZE): split the file`);
  }
  if (!request.body) throw new HttpError(400, 'body: send the NDJSON as the request body');
  const report = await importNdjson(hub, request.body, limit);
  audit({ action: 'import', ...auditWho(request.headers), detail: { lines: report.lines, flows: report.flows, events: report.events, errors: report.errorCount } });
  return apiJson('POST /api/import', report, { headers: { 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' } });
});

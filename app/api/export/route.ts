import { ensureHub } from '@/lib/server/hub';
import { exportSlots } from '@/lib/server/api/export-slots';
import { exportStream, parseExportParams } from '@/lib/server/api/export-stream';
import { handle } from '@/lib/server/http/http-error';
import { auditWho } from '@/lib/server/auth/request-identity';
import { audit } from '@/lib/server/ops/audit-log';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: Request) => {
  const query = new URL(request.url).searchParams;
  const params = parseExportParams(query);
  const hub = await ensureHub();
  const release = exportSlots(hub.config.maxExports).acquire();
  // Who took what: the request as asked (source, format, filter, window).
  const asked = ['source', 'format', 'q', 'since', 'until'].flatMap((k) => (query.has(k) ? [[k, query.get(k)]] : []));
  audit({ action: 'export', ...auditWho(request.headers), detail: Object.fromEntries(asked) });
  try {
    return exportStream(hub.store, params, request.signal, release);
  } catch (e) {
    release();
    throw e;
  }
});

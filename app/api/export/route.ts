import { ensureHub } from '@/lib/server/hub';
import { exportStream, parseExportParams } from '@/lib/server/api/export-stream';
import { handle } from '@/lib/server/http/http-error';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: Request) => {
  const params = parseExportParams(new URL(request.url).searchParams);
  const hub = await ensureHub();
  return exportStream(hub.store, params, request.signal);
});

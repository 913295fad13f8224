import { ensureHub } from '@/lib/server/hub';
import { exportSlots } from '@/lib/server/api/export-slots';
import { exportStream, parseExportParams } from '@/lib/server/api/export-stream';
import { handle } from '@/lib/server/http/http-error';

export const dynamic = 'force-dynamic';

export const GET = handle(async (request: Request) => {
  const params = parseExportParams(new URL(request.url).searchParams);
  const hub = await ensureHub();
  const release = exportSlots(hub.config.maxExports).acquire();
  try {
    return exportStream(hub.store, params, request.signal, release);
  } catch (e) {
    release();
    throw e;
  }
});

import { ensureHub } from '@/lib/server/hub';
import { importNdjson, MAX_IMPORT_BYTES } from '@/lib/server/api/import-ndjson';
import { handle, HttpError } from '@/lib/server/http/http-error';

export const dynamic = 'force-dynamic';

export const POST = handle(async (request: Request) => {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > MAX_IMPORT_BYTES) {
    throw new HttpError(413, `upload is ${declared} bytes; the limit is ${MAX_IMPORT_BYTES} bytes (split the file)`);
  }
  if (!request.body) throw new HttpError(400, 'body: send the NDJSON as the request body');
  const hub = await ensureHub();
  return Response.json(await importNdjson(hub, request.body));
});

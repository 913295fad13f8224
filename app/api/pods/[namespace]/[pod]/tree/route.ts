import { ensureHub } from '@/lib/server/hub';
import { podTree, POD_TREE_DEFAULT_LIMIT } from '@/lib/server/api/pod-tree';
import { jsonResponse } from '@/lib/server/http/gzip-response';
import { handle } from '@/lib/server/http/http-error';
import { parsePodPath, parseTreeParams } from '@/lib/server/http/process-params';

export const dynamic = 'force-dynamic';

/** GET /api/pods/<ns>/<pod>/tree?since=&until=&limit= — the pod's process events, linked into a forest by the timeline. */
export const GET = handle(async (request: Request, ctx: { params: Promise<{ namespace: string; pod: string }> }) => {
  const params = await ctx.params;
  const { namespace, pod } = parsePodPath(params.namespace, params.pod);
  const window = parseTreeParams(new URL(request.url).searchParams, POD_TREE_DEFAULT_LIMIT);
  const hub = await ensureHub();
  // JSON in chunks assembled by podTree: the exec/exit records go out as the store wrote them,
  // gzipped here at a fast level (gzip-response.ts: Next's default level cost more than the query).
  return jsonResponse(request, await podTree(hub.store, { namespace, pod, ...window }));
});

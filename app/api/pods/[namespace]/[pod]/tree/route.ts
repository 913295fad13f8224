import { ensureHub } from '@/lib/server/hub';
import { podTree, POD_TREE_DEFAULT_LIMIT } from '@/lib/server/api/pod-tree';
import { handle } from '@/lib/server/http/http-error';
import { parsePodPath, parseTreeParams } from '@/lib/server/http/process-params';

export const dynamic = 'force-dynamic';

/** GET /api/pods/<ns>/<pod>/tree?since=&until=&limit= — the pod's process forest. */
export const GET = handle(async (request: Request, ctx: { params: Promise<{ namespace: string; pod: string }> }) => {
  const params = await ctx.params;
  const { namespace, pod } = parsePodPath(params.namespace, params.pod);
  const window = parseTreeParams(new URL(request.url).searchParams, POD_TREE_DEFAULT_LIMIT);
  const hub = await ensureHub();
  return Response.json(await podTree(hub.store, { namespace, pod, ...window }));
});

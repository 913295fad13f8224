import { ensureHub } from '@/lib/server/hub';
import { podTree, POD_TREE_DEFAULT_LIMIT } from '@/lib/server/api/pod-tree';
import { handle } from '@/lib/server/http/http-error';
import { parsePodPath, parseTreeParams } from '@/lib/server/http/process-params';

export const dynamic = 'force-dynamic';

/** GET /api/pods/<ns>/<pod>/tree?since=&until=&limit= — the pod's process events, linked into a forest by the timeline. */
export const GET = handle(async (request: Request, ctx: { params: Promise<{ namespace: string; pod: string }> }) => {
  const params = await ctx.params;
  const { namespace, pod } = parsePodPath(params.namespace, params.pod);
  const window = parseTreeParams(new URL(request.url).searchParams, POD_TREE_DEFAULT_LIMIT);
  const hub = await ensureHub();
  // JSON in chunks assembled by podTree: the exec/exit records go out as the store wrote them.
  const chunks = await podTree(hub.store, { namespace, pod, ...window });
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  return new Response(body, { headers: { 'content-type': 'application/json' } });
});

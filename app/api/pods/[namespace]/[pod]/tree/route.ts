import { ensureHub } from '@/lib/server/hub';
import { podTree, POD_TREE_DEFAULT_LIMIT } from '@/lib/server/api/pod-tree';
import { acceptsGzipBody, jsonResponse, renderedResponse } from '@/lib/server/http/gzip-response';
import { handle } from '@/lib/server/http/http-error';
import { parsePodPath, parseTreeParams } from '@/lib/server/http/process-params';

export const dynamic = 'force-dynamic';

/** GET /api/pods/<ns>/<pod>/tree?since=&until=&limit= — the pod's process events, linked into a forest by the timeline. */
export const GET = handle(async (request: Request, ctx: { params: Promise<{ namespace: string; pod: string }> }) => {
  const params = await ctx.params;
  const { namespace, pod } = parsePodPath(params.namespace, params.pod);
  const window = parseTreeParams(new URL(request.url).searchParams, POD_TREE_DEFAULT_LIMIT);
  const { store } = await ensureHub();
  const query = { namespace, pod, ...window };
  // JSON in chunks assembled by podTree: the exec/exit records go out as the store wrote them,
  // gzipped at a fast level (gzip-response.ts: Next's default level cost more than the query) —
  // on a reader thread when the store has them (AnswerStore), so this thread only forwards bytes.
  const gzip = acceptsGzipBody(request.headers.get('accept'));
  if (store.podTreeAnswer) return renderedResponse((await store.podTreeAnswer(query, gzip)).bytes, gzip);
  return jsonResponse(request, await podTree(store, query));
});

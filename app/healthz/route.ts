export const dynamic = 'force-dynamic';

/** Liveness: the process serves HTTP. No auth, no data, no store access (a slow disk must not get the pod killed). */
export function GET(): Response {
  return new Response('ok\n', { headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}

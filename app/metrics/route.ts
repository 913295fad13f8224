import { metricsText } from '@/lib/server/ops/metrics';

export const dynamic = 'force-dynamic';

/** Prometheus text format, behind the token like every API (HOLOCRON_METRICS_PORT serves it alone, without). */
export async function GET(): Promise<Response> {
  const { body, contentType } = await metricsText();
  return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
}

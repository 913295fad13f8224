import { ensureHub } from '@/lib/server/hub';
import { healthReport } from '@/lib/server/api/health-report';
import { handle } from '@/lib/server/http/http-error';
import { apiJson } from '@/lib/server/http/api-json';

export const dynamic = 'force-dynamic';

export const GET = handle(async () => apiJson('GET /api/health', await healthReport(await ensureHub())));

import { ensureHub } from '@/lib/server/hub';
import { healthReport } from '@/lib/server/api/health-report';
import { handle } from '@/lib/server/http/http-error';

export const dynamic = 'force-dynamic';

export const GET = handle(async () => Response.json(await healthReport(await ensureHub())));

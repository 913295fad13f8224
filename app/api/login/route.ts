import { attemptLogin } from '@/lib/server/auth/login';
import { safeNext } from '@/lib/server/auth/safe-next';

export const dynamic = 'force-dynamic';

/** GET /api/login?token=…&next=… — the one-time login URL printed at start. */
export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  return attemptLogin(request, url.searchParams.get('token') ?? '', safeNext(url.searchParams.get('next')));
}

/** POST /api/login (the login form). */
export async function POST(request: Request): Promise<Response> {
  const form = await request.formData().catch(() => null);
  const token = form?.get('token');
  const next = form?.get('next');
  return attemptLogin(request, typeof token === 'string' ? token : '', safeNext(typeof next === 'string' ? next : null));
}

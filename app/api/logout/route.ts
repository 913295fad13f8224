import { logout } from '@/lib/server/auth/login';

export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  return logout(request);
}

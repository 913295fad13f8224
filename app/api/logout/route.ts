import { logout } from '@/lib/server/auth/login';

export const dynamic = 'force-dynamic';

export async function POST(): Promise<Response> {
  return logout();
}

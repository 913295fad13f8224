import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Access control primitives. One secret token (HOLOCRON_TOKEN, or generated at start) opens
 * everything; browsers trade it once for a session cookie that is an HMAC of its issue time, so
 * no session state is kept and a restart with the same token keeps people logged in. Every
 * comparison is constant-time.
 */
export const SESSION_COOKIE = 'holocron_session';
export const SESSION_TTL_MS = 12 * 3_600_000;

export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

export function constantTimeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  // Compare equal-length buffers either way so the time does not reveal the length match.
  const same = ab.length === bb.length;
  return timingSafeEqual(same ? ab : bb, bb) && same;
}

function mac(token: string, issuedAtMs: number): string {
  return createHmac('sha256', token).update(`holocron-session:${issuedAtMs}`).digest('base64url');
}

export function issueSession(token: string, nowMs = Date.now()): string {
  return `${nowMs}.${mac(token, nowMs)}`;
}

export function verifySession(token: string, cookie: string | undefined, nowMs = Date.now()): boolean {
  if (!cookie) return false;
  const dot = cookie.indexOf('.');
  if (dot <= 0) return false;
  const issued = Number(cookie.slice(0, dot));
  if (!Number.isSafeInteger(issued) || issued > nowMs + 60_000 || nowMs - issued > SESSION_TTL_MS) return false;
  return constantTimeEqual(cookie.slice(dot + 1), mac(token, issued));
}

/** `Authorization: Bearer <token>` for scripts and curl. */
export function bearerMatches(token: string, header: string | null): boolean {
  if (!header) return false;
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return m ? constantTimeEqual(m[1]!, token) : false;
}

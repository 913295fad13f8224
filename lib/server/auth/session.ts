import { randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Access control primitives. One secret token (HOLOCRON_TOKEN, or generated at start) opens
 * everything; browsers trade it once for a session cookie holding a random session id that the
 * server can end (session-registry.ts). Over TLS the cookie is `__Host-`-prefixed: host-only,
 * Secure, Path=/, so a sibling subdomain can neither read nor plant it. Every comparison of a
 * secret is constant-time.
 */
export const SESSION_COOKIE = 'holocron_session';
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

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

/** `Authorization: Bearer <token>` for scripts and curl. */
export function bearerMatches(token: string, header: string | null): boolean {
  if (!header) return false;
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return m ? constantTimeEqual(m[1]!, token) : false;
}

/** The session id a request carries, from either cookie name. */
export function sessionIdOf(cookie: (name: string) => string | undefined): string | undefined {
  return cookie(SECURE_SESSION_COOKIE) ?? cookie(SESSION_COOKIE);
}

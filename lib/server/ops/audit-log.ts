import fs from 'node:fs';
import path from 'node:path';
import { sharedSingleton } from '../auth/access-token';

/**
 * The audit log: who logged in, exported and imported, one JSON line each, appended to
 * HOLOCRON_AUDIT_LOG (default: audit.log beside the SQLite file; `-` for standard output, which
 * is where the ClickHouse variant's servers send it, to the cluster's log collection). Entries
 * are rare, so each is written synchronously: a line is on disk before the response goes out.
 * A write that fails is reported on stderr and does not fail the request.
 */
export type AuditAction = 'login' | 'login-failed' | 'logout' | 'export' | 'import';

export interface AuditEntry {
  action: AuditAction;
  /** The auth proxy's user, or null for the shared token (it names no one). */
  user: string | null;
  email?: string | null;
  via: 'auth-proxy' | 'session' | 'bearer' | 'token-form' | 'token-url';
  client: string | null;
  detail?: Record<string, unknown>;
}

interface AuditSink {
  target: string; // a file path or '-'
}

export function auditTarget(env: Record<string, string | undefined> = process.env): string {
  const explicit = env.HOLOCRON_AUDIT_LOG?.trim();
  if (explicit) return explicit;
  if (env.HOLOCRON_STORE?.trim() && env.HOLOCRON_STORE.trim() !== 'sqlite') return '-';
  return path.join(path.dirname(env.HOLOCRON_DB?.trim() || './data/holocron.db'), 'audit.log');
}

const sink = (): AuditSink => sharedSingleton(Symbol.for('holocron.auditSink'), () => ({ target: auditTarget() }));

export function audit(entry: AuditEntry, now: Date = new Date()): void {
  const line = `${JSON.stringify({ time: now.toISOString(), ...entry })}\n`;
  const { target } = sink();
  if (target === '-') {
    process.stdout.write(`holocron-audit ${line}`);
    return;
  }
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.appendFileSync(target, line, { mode: 0o600 });
  } catch (e) {
    console.error(`holocron: could not write the audit log ${target}: ${(e as Error).message}; entry: ${line.trim()}`);
  }
}

/** Auth-proxy users have no login request: the first request of each user in a process is their login. */
export function auditProxyLogin(user: string, email: string | null, client: string | null): void {
  const seen = sharedSingleton(Symbol.for('holocron.auditSeenUsers'), () => new Set<string>());
  if (seen.has(user)) return;
  if (seen.size >= 10_000) seen.clear(); // bounded: a flood of names costs lines, not memory
  seen.add(user);
  audit({ action: 'login', user, email, via: 'auth-proxy', client });
}

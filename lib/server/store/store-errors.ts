/**
 * What a store's refusal means, for callers that answer it (import's 507, the disk watch): read
 * from the error itself, so no caller needs to know which backend raised it. SQLite says
 * SQLITE_FULL; a write that hit a full disk elsewhere says ENOSPC.
 */
export function isDiskFull(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err?.code === 'SQLITE_FULL' || /database or disk is full|ENOSPC/.test(err?.message ?? '');
}

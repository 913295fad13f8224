/**
 * Page cursors: the (ts, seq) of the last row served, opaque to clients (base64url JSON).
 * A tampered cursor is a bad parameter, not a crash.
 */
export interface CursorPosition {
  ts: number;
  seq: number;
}

export function encodeCursor(pos: CursorPosition): string {
  return Buffer.from(`${pos.ts}:${pos.seq}`).toString('base64url');
}

export function decodeCursor(text: string): CursorPosition {
  const raw = Buffer.from(text, 'base64url').toString('utf8');
  const m = /^(-?\d{1,17}):(\d{1,17})$/.exec(raw);
  if (!m) throw new Error('not a cursor this server issued');
  return { ts: Number(m[1]), seq: Number(m[2]) };
}

/**
 * A datetime-local input has no zone: the pickers show and read UTC, and say so. These convert
 * between its value ("2026-11-22T09:00:05") and the RFC 3339 the URL and the API carry.
 */

/** RFC 3339 → the input's value, in UTC to the second; '' for nothing or a bad time. */
export function toUtcInput(rfc: string | null): string {
  if (!rfc) return '';
  const ms = Date.parse(rfc);
  return Number.isNaN(ms) ? '' : new Date(ms).toISOString().slice(0, 19);
}

/** The input's value (seconds optional) read as UTC → RFC 3339, or null for empty or bad input. */
export function fromUtcInput(v: string): string | null {
  if (!v) return null;
  const ms = Date.parse(`${v.length === 16 ? `${v}:00` : v}Z`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString().replace('.000Z', 'Z');
}

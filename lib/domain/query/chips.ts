import type { QuerySource } from './kinds';
import { formatTerm, parseQuery, QueryError, type QueryTerm } from './parse';

/**
 * The filter bar's model: the `q` text seen as chips, one per term. Pure, so the URL (`q`) and the
 * chips can never disagree: chips are always derived from q and written back with formatChips.
 * A term the parser rejects (a hand-edited URL, an old bookmark) stays visible as an invalid
 * segment carrying the parser's message, instead of wiping the whole filter.
 */
/** `kind` stays a string here: chips also come from URLs and cells, and the parser checks them. */
export type Chip = Pick<QueryTerm, 'direction' | 'negate' | 'value'> & { kind: string };

export type ChipSegment =
  | { ok: true; chip: Chip; text: string; start: number; end: number }
  | { ok: false; text: string; message: string; start: number; end: number };

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

/** Start of the whitespace-separated token holding `pos` (the parser may point inside it). */
function tokenStart(q: string, pos: number): number {
  let i = Math.min(pos, q.length);
  while (i > 0 && !isSpace(q[i - 1])) i--;
  return i;
}

function segmentsOf(q: string, source: QuerySource, offset: number, depth: number): ChipSegment[] {
  if (q.trim() === '') return [];
  try {
    return parseQuery(q, source).terms.map((t) => ({
      ok: true as const,
      chip: { kind: t.kind, direction: t.direction, negate: t.negate, value: t.value },
      text: q.slice(t.start, t.end),
      start: t.start + offset,
      end: t.end + offset,
    }));
  } catch (e) {
    if (!(e instanceof QueryError)) throw e;
    const start = tokenStart(q, e.start);
    const end = Math.max(e.end, start + 1);
    // Whole-query errors (too long, too many terms) or runaway recursion: one invalid segment.
    if ((start === 0 && end >= q.length) || depth > 64) {
      const lead = q.length - q.trimStart().length;
      return [{ ok: false, text: q.trim(), message: e.message, start: offset + lead, end: offset + lead + q.trim().length }];
    }
    return [
      ...segmentsOf(q.slice(0, start), source, offset, depth + 1),
      { ok: false, text: q.slice(start, end), message: e.message, start: start + offset, end: end + offset },
      ...segmentsOf(q.slice(end), source, offset + end, depth + 1),
    ];
  }
}

/** Splits q into chips and invalid segments, in order, with offsets into q. */
export function parseChips(q: string, source: QuerySource): ChipSegment[] {
  return segmentsOf(q, source, 0, 0);
}

/** The first parser error of q, or null when q is valid (for inline errors). */
export function firstQueryError(q: string, source: QuerySource): QueryError | null {
  try {
    parseQuery(q, source);
    return null;
  } catch (e) {
    if (e instanceof QueryError) return e;
    throw e;
  }
}

export function formatChip(chip: Chip): string {
  return formatTerm(chip);
}

/** Chips (and invalid segments kept verbatim) → q text. */
export function formatSegments(segments: readonly ChipSegment[]): string {
  return segments.map((s) => (s.ok ? formatTerm(s.chip) : s.text)).join(' ');
}

export function formatChips(chips: readonly Chip[]): string {
  return chips.map(formatTerm).join(' ');
}

export function sameChip(a: Chip, b: Chip): boolean {
  return a.kind === b.kind && a.direction === b.direction && a.negate === b.negate && a.value === b.value;
}

/**
 * Adds chips to q. An identical chip is not added twice; adding the opposite of an existing chip
 * (pod=x while !pod=x is there) replaces it, since both together can match nothing.
 */
export function addChips(q: string, source: QuerySource, chips: readonly Chip[]): string {
  let segments = parseChips(q, source);
  for (const chip of chips) {
    segments = segments.filter((s) => !(s.ok && sameChip(s.chip, { ...chip, negate: !chip.negate })));
    if (segments.some((s) => s.ok && sameChip(s.chip, chip))) continue;
    segments.push({ ok: true, chip, text: formatTerm(chip), start: 0, end: 0 });
  }
  return formatSegments(segments);
}

/** Removes the segment at `index` (a chip or an invalid segment). */
export function removeSegment(q: string, source: QuerySource, index: number): string {
  return formatSegments(parseChips(q, source).filter((_, i) => i !== index));
}

/** Flips `!` on the chip at `index`. */
export function toggleNegate(q: string, source: QuerySource, index: number): string {
  return formatSegments(
    parseChips(q, source).map((s, i) => (i === index && s.ok ? { ...s, chip: { ...s.chip, negate: !s.chip.negate } } : s)),
  );
}

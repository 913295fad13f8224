import { parseQuery, QueryError, type ParsedQuery } from '@/lib/domain/query/parse';
import type { QuerySource } from '@/lib/domain/query/kinds';
import { parseDuration } from '../config/durations';
import { rfc3339ToMicros } from '@/lib/wire/timestamp';
import { decodeCursor } from '../store/cursor';
import { badParam } from './http-error';

/**
 * The query parameters every list, export and stream endpoint shares, parsed in one place:
 * q (filter language), since/until (RFC 3339, epoch milliseconds, or a duration ago such as 15m),
 * limit, cursor. A bad one is a 400 naming it.
 */
export interface ListParams {
  q: ParsedQuery | null;
  qText: string;
  sinceUs: number | null;
  untilUs: number | null;
  limit: number;
  cursor: string | null;
}

export const MAX_LIMIT = 1000;

export function parseTimeParam(name: string, value: string | null, nowUs = Date.now() * 1000): number | null {
  if (value === null || value === '') return null;
  if (value === 'now') return nowUs;
  if (/^\d{10,16}$/.test(value)) return Number(value) * 1000; // epoch milliseconds
  if (/^\d+(\.\d+)?(ms|s|m|h|d|w)$/.test(value)) return nowUs - parseDuration(value) * 1000;
  try {
    return rfc3339ToMicros(value);
  } catch {
    throw badParam(name, `"${value.slice(0, 64)}" is not a time (use RFC 3339, epoch milliseconds, or a duration such as 15m)`);
  }
}

export function parseQParam(source: QuerySource, text: string | null): ParsedQuery | null {
  if (!text || !text.trim()) return null;
  try {
    return parseQuery(text, source);
  } catch (e) {
    if (e instanceof QueryError) throw badParam('q', `${e.message} (at character ${e.start + 1})`);
    throw e;
  }
}

export function parseListParams(source: QuerySource, params: URLSearchParams, defaultLimit = 100): ListParams {
  const qText = params.get('q') ?? '';
  const q = parseQParam(source, qText);
  const sinceUs = parseTimeParam('since', params.get('since'));
  const untilUs = parseTimeParam('until', params.get('until'));
  if (sinceUs !== null && untilUs !== null && sinceUs > untilUs) throw badParam('since', 'is after until');
  const limitText = params.get('limit');
  let limit = defaultLimit;
  if (limitText !== null) {
    if (!/^\d+$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > MAX_LIMIT) {
      throw badParam('limit', `"${limitText.slice(0, 32)}" is not a whole number from 1 to ${MAX_LIMIT}`);
    }
    limit = Number(limitText);
  }
  const cursor = params.get('cursor') || null;
  if (cursor) {
    try {
      decodeCursor(cursor);
    } catch (e) {
      throw badParam('cursor', (e as Error).message);
    }
  }
  return { q, qText, sinceUs, untilUs, limit, cursor };
}

/** Ids are uuids or our base64url digests: anything else is refused before it reaches a query. */
export function parseIdParam(name: string, value: string): string {
  if (!/^[A-Za-z0-9_.:-]{1,128}$/.test(value)) throw badParam(name, 'is not a valid id');
  return value;
}

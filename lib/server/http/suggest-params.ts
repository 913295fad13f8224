import { kindsFor, type QuerySource } from '@/lib/domain/query/kinds';
import type { Direction } from '@/lib/domain/query/parse';
import type { SuggestQuery } from '../store/store';
import { badParam } from './http-error';

/** GET /api/suggest parameters, validated in one place (400 naming the parameter). */
export const MAX_SUGGEST_LIMIT = 100;

export function parseSuggestParams(params: URLSearchParams): SuggestQuery {
  const source = params.get('source');
  if (source !== 'flows' && source !== 'events') throw badParam('source', 'must be flows or events');
  const kind = params.get('kind') ?? '';
  const spec = kindsFor(source as QuerySource).find((k) => k.name === kind);
  if (!spec) throw badParam('kind', `"${kind.slice(0, 40)}" is not a filter kind for ${source}`);
  const prefix = params.get('prefix') ?? '';
  if (prefix.length > 256) throw badParam('prefix', 'is longer than 256 characters');
  const direction = params.get('direction') ?? 'either';
  if (direction !== 'from' && direction !== 'to' && direction !== 'either') throw badParam('direction', 'must be from, to or either');
  if (direction !== 'either' && !spec.directional) throw badParam('direction', `"${kind}" has no source or destination side`);
  const limitText = params.get('limit') ?? '20';
  if (!/^\d{1,3}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > MAX_SUGGEST_LIMIT) {
    throw badParam('limit', `must be a whole number from 1 to ${MAX_SUGGEST_LIMIT}`);
  }
  return { source, kind, direction: direction as Direction, prefix, limit: Number(limitText) };
}

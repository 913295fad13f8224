import type { ParsedQuery } from '@/lib/domain/query/parse';
import { badParam } from './http-error';
import { parseQParam, parseTimeParam } from './list-params';

/**
 * GET /api/map's parameters: q (the flows filter language), since/until (as in the lists;
 * default: the last 15 minutes). A bad one is a 400 naming it.
 */
export interface MapParams {
  q: ParsedQuery | null;
  sinceUs: number;
  untilUs: number;
}

export const DEFAULT_MAP_WINDOW_US = 15 * 60 * 1_000_000;

export function parseMapParams(params: URLSearchParams, nowUs = Date.now() * 1000): MapParams {
  const q = parseQParam('flows', params.get('q'));
  const untilUs = parseTimeParam('until', params.get('until'), nowUs) ?? nowUs;
  const sinceUs = parseTimeParam('since', params.get('since'), nowUs) ?? untilUs - DEFAULT_MAP_WINDOW_US;
  if (sinceUs > untilUs) throw badParam('since', 'is after until');
  return { q, sinceUs, untilUs };
}

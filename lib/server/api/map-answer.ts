import type { ApiAnswer } from '@/lib/contract/routes';
import { aggregateServiceMap } from '@/lib/domain/service-map/aggregate-service-map';
import { isConnectionSample } from '@/lib/domain/service-map/map-sample';
import { microsToRfc3339 } from '@/lib/wire/timestamp';
import type { MapSampleQuery, MapSampleResult } from '../store/store';

/**
 * The body of /api/map from the store's samples, typed against the contract. Built where the
 * samples are read when the store can (SQLite's reader threads, AnswerStore.mapAnswer): up to
 * 50,000 groups are then neither copied to the event loop nor aggregated there.
 */
export function mapAnswer(query: MapSampleQuery, stored: MapSampleResult): ApiAnswer<'GET /api/map'> {
  const samples = stored.samples.filter(isConnectionSample);
  const map = aggregateServiceMap(samples);
  const flows = samples.reduce((n, s) => n + s.count, 0);
  return {
    ...map,
    // Last on purpose: the page compares the text before it to skip re-drawing an unchanged map.
    window: { since: microsToRfc3339(query.sinceUs), until: microsToRfc3339(query.untilUs), sinceUs: query.sinceUs, untilUs: query.untilUs, flows, truncated: stored.truncated },
  };
}

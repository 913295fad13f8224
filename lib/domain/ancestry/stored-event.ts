import type { EventSummary } from '@/lib/domain/records';
import type { TetragonEventJson } from '@/lib/domain/wire-types';

/** One stored Tetragon event as the store and the API hand it out: summary columns plus the upstream line. */
export type StoredEvent = EventSummary & { event: TetragonEventJson };

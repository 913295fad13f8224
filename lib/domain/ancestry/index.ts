/** Process ancestry: forest building, chains, timeline rows and time scale. */
export type { StoredEvent } from '@/lib/domain/ancestry/stored-event';
export type { PodRef, ProcessExit, ProcessForest, ProcessMarker, ProcessNode } from '@/lib/domain/ancestry/process-node';
export { buildProcessForest, buildForestFromProcessEvents, type BuildForestOptions } from '@/lib/domain/ancestry/build-process-forest';
export type { EmbeddedProcess, ProcessEvent } from '@/lib/domain/ancestry/process-event';
export { ancestryChain } from '@/lib/domain/ancestry/ancestry-chain';
export { visibleRows, type ProcessRow } from '@/lib/domain/ancestry/visible-rows';
export { createViewedBounds, type ViewedBounds, type ViewedBoundsFunc, type ViewedBoundsInput } from '@/lib/domain/ancestry/viewed-bounds';
export { barLabel } from '@/lib/domain/ancestry/bar-label';
export { timeRangeOf, type TimeRange } from '@/lib/domain/ancestry/time-range';
export { markerLabel, isMarkerKind, hookName } from '@/lib/domain/ancestry/process-marker';
export { rfc3339ToNs } from '@/lib/domain/ancestry/timestamp-ns';
export { decodeExecId, type DecodedExecId } from '@/lib/domain/ancestry/exec-id';

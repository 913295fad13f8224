import type { StoreCapabilities } from './store';

/**
 * What each backend is, side by side (StoreCapabilities). Batches: ClickHouse writes a part per
 * insert, a fixed cost of tens of milliseconds whatever its size, so it wants fewer, larger ones.
 * SQLite commits on its writer thread, so a larger transaction does not stall the API, and more
 * rows share each index page it rewrites (npm run bench: 8,000-row batches insert ~20 % faster
 * than 2,000). At low rates batches are small anyway (maxDelayMs). SQLite's high-water mark is
 * one and a half batches: past it the agents are slowed, and what waits holds its decoded records
 * (~4.5 KB a mixed item); the writer still always has its next batch ready (npm run bench, 1M
 * mixed ingest, with 8,192 frames decoding a stream before 2,048: peak RSS 909 → 789 MiB at the
 * same CPU an item, 176 and 177 µs).
 */
export const BACKEND_CAPABILITIES = {
  sqlite: { label: 'sqlite', sharedAcrossServers: false, ingestBatches: { maxBatch: 8000, maxDelayMs: 50, highWater: 12_000 } },
  clickhouse: { label: 'clickhouse', sharedAcrossServers: true, ingestBatches: { maxBatch: 16_000, maxDelayMs: 100, highWater: 48_000 } },
} as const satisfies Record<string, StoreCapabilities>;

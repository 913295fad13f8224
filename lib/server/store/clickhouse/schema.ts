import type { ClickHouseConnection } from './ch-client';

/**
 * Tables of the ClickHouse store, created and migrated at start by every server (each step is
 * idempotent: several servers may start at once against one database).
 *
 * Written for ClickHouse 18.16 (Debian's package; see docs/SCALE-OUT.md for what changes on a
 * current ClickHouse): no TTL, no data-skipping indexes, no query parameters. Hence:
 * - Partitions are hours of event time (`intDiv(ts, 3600000000)`): retention drops whole
 *   partitions, which costs nothing, and a per-database floor (retention_floor) hides the
 *   part of the oldest hour that is past its age, so what a query sees is exactly what SQLite
 *   would keep — without ALTER … DELETE rewriting an hour of data every minute.
 * - flows and events are ordered by (ts, id) for time-range reads; the lookups that do not
 *   start from a time (by id, by pod, by exec_id) have their own small tables kept by
 *   materialized views, ordered for that lookup, holding keys only (the JSON stays in one place).
 * - ReplacingMergeTree on (ts, id): the insert path already stores an id once (see
 *   ch-insert.ts); should two servers race on the same event, background merges fold the copies.
 *
 * Column conventions match the SQLite schema (fenced label lists, tcp_flags ",SYN,ACK,") so the
 * filter means the same; SQLite NULLs are -1 here (is_reply, uid), and a few derived columns
 * (`*_ip4`, `dns_norm`) let the filter run without JavaScript functions.
 */
const HOUR = 'intDiv(ts, 3600000000)';

const FLOW_COLUMNS = `
  ts Int64, id String, seq UInt64, origin String,
  node String, verdict String, drop_reason String, type String, protocol String, tcp_flags String,
  direction String, is_reply Int8,
  src_ns String, src_pod String, src_workload String, src_workload_kind String, src_identity Int64,
  src_labels String, src_ip String, src_ip4 Int64, src_port Int32, src_service String,
  dst_ns String, dst_pod String, dst_workload String, dst_workload_kind String, dst_identity Int64,
  dst_labels String, dst_ip String, dst_ip4 Int64, dst_port Int32, dst_service String,
  http_method String, http_path String, http_code Int32, dns_query String, dns_norm String,
  encrypted UInt8, auth_type String, policies String, map_key String,
  json String`;

const EVENT_COLUMNS = `
  ts Int64, id String, seq UInt64, origin String,
  node String, kind String, namespace String, pod String, container String, image String,
  workload String, labels String, binary String, args String, parent_binary String,
  exec_id String, parent_exec_id String, pid Int64, uid Int64,
  function_name String, policy_name String, capabilities String,
  sock_saddr String, sock_daddr String, sock_saddr4 Int64, sock_daddr4 Int64, sock_sport Int32, sock_dport Int32,
  file_path String,
  json String`;

/** The service map's group key columns (sqlite/flow-map-key.ts) plus what the q filter reads. */
export const MAP_KEY_COLUMNS = `
  src_ns String, src_pod String, src_workload String, src_workload_kind String, src_identity Int64,
  src_labels String, src_labels_raw String, src_ip String, src_ip4 Int64, src_port Int32, src_service String,
  dst_ns String, dst_pod String, dst_workload String, dst_workload_kind String, dst_identity Int64,
  dst_labels String, dst_labels_raw String, dst_ip String, dst_ip4 Int64, dst_port Int32, dst_service String,
  type String, protocol String, verdict String, drop_reason String, encrypted UInt8, auth_type String,
  policies String, http_method String, http_path String, http_code Int32, dns_query String, dns_norm String,
  is_reply Int8, direction String`;

const mapKeyNames = MAP_KEY_COLUMNS.split(',').map((c) => c.trim().split(/\s+/)[0]!);

const V1: string[] = [
  `CREATE TABLE IF NOT EXISTS flows (${FLOW_COLUMNS})
   ENGINE = ReplacingMergeTree PARTITION BY ${HOUR} ORDER BY (ts, id) SETTINGS index_granularity = 1024`,
  `CREATE TABLE IF NOT EXISTS events (${EVENT_COLUMNS})
   ENGINE = ReplacingMergeTree PARTITION BY ${HOUR} ORDER BY (ts, id) SETTINGS index_granularity = 1024`,

  // By id (get, neighbours' anchor): a flow's uuid or an event id → its time, then (ts, id).
  `CREATE TABLE IF NOT EXISTS flow_ids (id String, ts Int64)
   ENGINE = ReplacingMergeTree PARTITION BY ${HOUR} ORDER BY id SETTINGS index_granularity = 256`,
  `CREATE MATERIALIZED VIEW IF NOT EXISTS flow_ids_mv TO flow_ids AS SELECT id, ts FROM flows`,
  `CREATE TABLE IF NOT EXISTS event_ids (id String, ts Int64)
   ENGINE = ReplacingMergeTree PARTITION BY ${HOUR} ORDER BY id SETTINGS index_granularity = 256`,
  `CREATE MATERIALIZED VIEW IF NOT EXISTS event_ids_mv TO event_ids AS SELECT id, ts FROM events`,

  // A pod's events (process tree, pod → node) and a process's events (ancestry).
  `CREATE TABLE IF NOT EXISTS event_pods (namespace String, pod String, ts Int64, seq UInt64, id String, kind String, node String)
   ENGINE = ReplacingMergeTree PARTITION BY ${HOUR} ORDER BY (namespace, pod, ts, seq, id) SETTINGS index_granularity = 1024`,
  `CREATE MATERIALIZED VIEW IF NOT EXISTS event_pods_mv TO event_pods
   AS SELECT namespace, pod, ts, seq, id, kind, node FROM events`,
  `CREATE TABLE IF NOT EXISTS event_execs (exec_id String, ts Int64, seq UInt64, id String, kind String)
   ENGINE = ReplacingMergeTree PARTITION BY ${HOUR} ORDER BY (exec_id, ts, seq, id) SETTINGS index_granularity = 1024`,
  `CREATE MATERIALIZED VIEW IF NOT EXISTS event_execs_mv TO event_execs
   AS SELECT exec_id, ts, seq, id, kind FROM events`,

  // Counts per hour (health, bounds of the time-window scans) without reading the big tables.
  `CREATE TABLE IF NOT EXISTS hourly_counts (source String, hour Int64, key String,
     n AggregateFunction(count), lo AggregateFunction(min, Int64), hi AggregateFunction(max, Int64))
   ENGINE = AggregatingMergeTree PARTITION BY intDiv(hour, 24) ORDER BY (source, hour, key)`,
  `CREATE MATERIALIZED VIEW IF NOT EXISTS flows_counts_mv TO hourly_counts
   AS SELECT 'flows' AS source, ${HOUR} AS hour, verdict AS key, countState() AS n, minState(ts) AS lo, maxState(ts) AS hi
   FROM flows GROUP BY hour, key`,
  `CREATE MATERIALIZED VIEW IF NOT EXISTS events_counts_mv TO hourly_counts
   AS SELECT 'events' AS source, ${HOUR} AS hour, kind AS key, countState() AS n, minState(ts) AS lo, maxState(ts) AS hi
   FROM events GROUP BY hour, key`,

  // The service map's per-minute rollup: the insert path sends pre-counted rows to the Null
  // table, the view folds them into one row per (minute, key) as parts merge.
  `CREATE TABLE IF NOT EXISTS flow_map_minutes (minute Int64, map_key String, ${MAP_KEY_COLUMNS},
     n AggregateFunction(sum, UInt64), first_ts AggregateFunction(min, Int64), last_ts AggregateFunction(max, Int64))
   ENGINE = AggregatingMergeTree PARTITION BY intDiv(minute, 60) ORDER BY (minute, map_key)`,
  `CREATE TABLE IF NOT EXISTS flow_map_input (minute Int64, map_key String, ${MAP_KEY_COLUMNS}, n UInt64, first_ts Int64, last_ts Int64)
   ENGINE = Null`,
  `CREATE MATERIALIZED VIEW IF NOT EXISTS flow_map_mv TO flow_map_minutes AS
   SELECT minute, map_key, ${mapKeyNames.map((c) => `any(${c}) AS ${c}`).join(', ')},
     sumState(n) AS n, minState(first_ts) AS first_ts, maxState(last_ts) AS last_ts
   FROM flow_map_input GROUP BY minute, map_key`,

  // Alerts: a new version of the whole row per change (count, last occurrence); readers take
  // the highest version. Rare next to events, so reads scan the table.
  `CREATE TABLE IF NOT EXISTS alerts (
     id String, version UInt64, seq UInt64, origin String, change String,
     ts Int64, last_ts Int64, count UInt64, rule String, priority String, priority_rank UInt8, time String,
     node String, namespace String, pod String, exec_id String, event_id String, last_exec_id String, last_event_id String,
     message String, tags String, search String, process_key String, output_key String, json String)
   ENGINE = ReplacingMergeTree(version) ORDER BY id`,
  `CREATE TABLE IF NOT EXISTS alert_hits (occurrence_id String, alert_id String, event_id String, exec_id String, ts Int64)
   ENGINE = ReplacingMergeTree ORDER BY (alert_id, occurrence_id)`,

  // Retention: the oldest time still visible (max over all rows: it only ever moves forward).
  `CREATE TABLE IF NOT EXISTS retention_floor (floor Int64, at DateTime DEFAULT now()) ENGINE = MergeTree ORDER BY floor`,

  // Cross-server live fan-out (relay.ts): what each server stored, in its own order.
  `CREATE TABLE IF NOT EXISTS live_rows (at DateTime DEFAULT now(), origin String, seq UInt64, source String, ts Int64, id String, payload String)
   ENGINE = MergeTree PARTITION BY intDiv(toUInt32(at), 3600) ORDER BY (origin, seq)`,
  `CREATE MATERIALIZED VIEW IF NOT EXISTS flows_live_mv TO live_rows
   AS SELECT now() AS at, origin, seq, 'flows' AS source, ts, id, '' AS payload FROM flows`,
  `CREATE MATERIALIZED VIEW IF NOT EXISTS events_live_mv TO live_rows
   AS SELECT now() AS at, origin, seq, 'events' AS source, ts, id, '' AS payload FROM events`,
  `CREATE TABLE IF NOT EXISTS servers (origin String, slot UInt32, host String, started_at DateTime, seen_at DateTime)
   ENGINE = ReplacingMergeTree(seen_at) ORDER BY origin`,
];

interface SchemaStep {
  version: number;
  why: string;
  statements: readonly string[];
}

/** Add a step at the end; never edit a shipped one. */
const STEPS: readonly SchemaStep[] = [{ version: 1, why: 'flows, events, lookups, map rollup, alerts, retention, live fan-out', statements: V1 }];

export const SCHEMA_VERSION = STEPS[STEPS.length - 1]!.version;

export async function applySchema(db: ClickHouseConnection): Promise<void> {
  await db.ensureDatabase();
  await db.exec('CREATE TABLE IF NOT EXISTS schema_version (version UInt32, at DateTime DEFAULT now()) ENGINE = MergeTree ORDER BY version');
  const [row] = await db.rows<{ v: string }>('SELECT max(version) AS v FROM schema_version');
  const current = Number(row?.v ?? 0);
  if (current > SCHEMA_VERSION) {
    throw new Error(`ClickHouse schema version ${current} is newer than this Holocron (${SCHEMA_VERSION})`);
  }
  for (const step of STEPS) {
    if (current >= step.version) continue;
    for (const statement of step.statements) await db.exec(statement);
    await db.exec(`INSERT INTO schema_version (version) VALUES (${step.version})`);
  }
}

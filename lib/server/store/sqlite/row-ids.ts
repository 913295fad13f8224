import { hash } from 'node:crypto';

/**
 * How a row is found by its id (deep links, replays), without a B-tree keyed by the id.
 *
 * Up to schema version 8 `id` was UNIQUE: an index in random order (a Hubble uuid, an event's
 * digest), so every insert landed on a random leaf page of it. Once that index outgrew the
 * writer's page cache, each insert read a page and wrote a whole 16 KiB page to the WAL at commit,
 * and the insert rate fell as history grew (npm run bench, scale: 15k/s at 1M stored, 6k/s at 10M).
 *
 * Files created since version 9 keep `id_key`, 48 bits of the id's SHA-256 (an integer: 6 bytes
 * a row instead of 22–36 in a text key), in two indexes whose inserts land next to the last ones:
 * - `<table>_ts_key (ts, id_key)`, for dedup: a replayed, re-imported or re-sent item carries the
 *   same time, hence the same ts (the id of an event is a digest that includes its time; a flow's
 *   uuid comes with its time), so "is it stored?" is one seek there, the text compared on the row.
 * - `<table>_id_seg (seq >> 16, id_key)`, for lookups: segments of 65,536 rows in arrival
 *   order; a lookup seeks every segment (150 at ten million rows, well under a millisecond).
 * The hash is not the identity: the row's text id is always compared, so a collision costs a row
 * read, never a lost or a wrong item. Files from before version 9 keep their UNIQUE id.
 */
export const ID_SEGMENT_BITS = 16;

export type IdTable = 'flows' | 'events';

/** The integer key of an id: 48 bits of its SHA-256 (a safe JS integer; no BigInt per row). */
export function idKey(id: string): number {
  return hash('sha256', id, 'buffer').readUIntBE(0, 6);
}

/** The id indexes of a file whose table has `id_key` (created by the schema, not for older files). */
export function idKeyIndexes(table: IdTable): string {
  return `
CREATE INDEX IF NOT EXISTS ${table}_ts_key ON ${table}(ts, id_key);
CREATE INDEX IF NOT EXISTS ${table}_id_seg ON ${table}(seq >> ${ID_SEGMENT_BITS}, id_key);
`;
}

/** The store's own segments, lowest to highest (none in an empty table). */
function segments(table: IdTable): string {
  return `WITH RECURSIVE seg(v) AS (
    SELECT (SELECT min(seq) FROM ${table}) >> ${ID_SEGMENT_BITS}
    UNION ALL SELECT v + 1 FROM seg WHERE v < (SELECT max(seq) FROM ${table}) >> ${ID_SEGMENT_BITS})`;
}

/**
 * A statement selecting `columns` of the row with this id, for either layout, and its parameters.
 * `keyed`: the table has id_key (hasIdKey).
 */
export function rowByIdSql(table: IdTable, columns: string, id: string, keyed: boolean): { sql: string; params: unknown[] } {
  if (!keyed) return { sql: `SELECT ${columns} FROM ${table} WHERE id = ?`, params: [id] };
  return {
    sql: `${segments(table)} SELECT ${columns} FROM ${table} WHERE seq >> ${ID_SEGMENT_BITS} IN seg AND id_key = ? AND id = ?`,
    params: [idKey(id), id],
  };
}

/** The SQL that tells whether a table has id_key (one row if it has). */
export function hasIdKeySql(table: IdTable): string {
  return `SELECT 1 FROM pragma_table_info('${table}') WHERE name = 'id_key'`;
}

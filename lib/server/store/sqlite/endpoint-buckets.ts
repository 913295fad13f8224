/**
 * The address indexes (flows by source or destination address and port, socket kprobes by client
 * address and port) put a time bucket between the address and the port: `(ip, ts >> 26, port, ts)`.
 *
 * Up to schema version 9 they were `(ip, port, ts)`. A client's port is ephemeral, so every flow
 * landed at a random place of its address's range: once the three indexes outgrew the writer's
 * page cache each insert and each retention delete rewrote a random 16 KiB page of each (bench,
 * 400k items with the cache shrunk to stand for ~6M: 35 against 26 writer CPU µs an insert, 7.6
 * against 3.8 KiB of WAL a row deleted). With a bucket of ~67 s first, inserts go to the newest
 * bucket of each address, and retention empties the oldest buckets page by page.
 *
 * A lookup by address and port seeks each bucket of its window (`IN`, `json_each` of the list):
 * as exact as before. Queries must spell BUCKET exactly like the index for SQLite to use it. Files
 * from before version 10 keep their `(ip, port, ts)` indexes (the same names): the bucket terms
 * are then checked on the index's rows, and the answers are the same.
 */
export const BUCKET_SHIFT = 26; // 2^26 µs ≈ 67 s

export const BUCKET = (column = 'ts') => `(${column} >> ${BUCKET_SHIFT})`;

/** Past this many buckets a lookup takes the buckets as a range (and checks the port on each index entry). */
const MAX_SEEKS = 256;

/** The buckets of a window as a range (for a lookup by address alone). */
export function bucketRange(sinceUs: number, untilUs: number): { sql: string; params: number[] } {
  return { sql: `${BUCKET()} BETWEEN ? AND ?`, params: [Math.floor(sinceUs / 2 ** BUCKET_SHIFT), Math.floor(untilUs / 2 ** BUCKET_SHIFT)] };
}

/** The time-bucket term for a window, and its parameter: a list of buckets, or a range of them. */
export function bucketTerm(sinceUs: number, untilUs: number): { sql: string; params: unknown[] } {
  const from = Math.floor(sinceUs / 2 ** BUCKET_SHIFT);
  const to = Math.floor(untilUs / 2 ** BUCKET_SHIFT);
  if (to < from) return { sql: '0', params: [] };
  if (to - from + 1 > MAX_SEEKS) return bucketRange(sinceUs, untilUs);
  const list = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  return { sql: `${BUCKET()} IN (SELECT value FROM json_each(?))`, params: [JSON.stringify(list)] };
}

/** The address indexes of a file created at version 10 or later (in an older file the names exist with `(ip, port, ts)`). */
export const ENDPOINT_INDEXES = {
  flows: `
CREATE INDEX IF NOT EXISTS flows_src_ip ON flows(src_ip, ${BUCKET()}, src_port, ts);
CREATE INDEX IF NOT EXISTS flows_dst_ip ON flows(dst_ip, ${BUCKET()}, dst_port, ts);`,
  events: `
CREATE INDEX IF NOT EXISTS events_sock ON events(sock_saddr, ${BUCKET()}, sock_sport, ts);`,
};

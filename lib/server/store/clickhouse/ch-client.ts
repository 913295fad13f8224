import { Readable } from 'node:stream';
import { createClient, type ClickHouseClient } from '@clickhouse/client';

/**
 * The connection to ClickHouse, over its HTTP interface through @clickhouse/client (keep-alive
 * pool, streaming, typed server errors). Checked against ClickHouse 18.16, the version Debian
 * ships and the tests run: query, insert and command work; `query_params` do not (18.16 predates
 * query parameters), so SQL text comes from ch-sql.ts with escaped literals.
 *
 * Results are read as JSONEachRow. ClickHouse quotes 64-bit integers in JSON ("ts":"1795…"),
 * which keeps microsecond times exact; callers convert with Number() (every value we store is
 * below 2^53). Rows are written as TabSeparated, the cheapest text format for ClickHouse to parse
 * and one whose escaping (below) is four characters.
 */
export interface ClickHouseTarget {
  url: string; // http://host:port
  database: string;
  username: string;
  password: string;
}

/** clickhouse://[user[:password]@]host:port/database → where to connect. */
export function parseClickHouseUrl(spec: string): ClickHouseTarget {
  const u = new URL(spec.replace(/^clickhouse:/, 'http:'));
  const database = u.pathname.replace(/^\//, '');
  if (!/^\w+$/.test(database)) throw new Error(`"${spec}": the database name must be letters, digits and _`);
  return {
    url: `http://${u.host}`,
    database,
    username: decodeURIComponent(u.username) || 'default',
    password: decodeURIComponent(u.password),
  };
}

/** One TabSeparated field: backslash, tab, newline and carriage return escaped. */
export function tsvField(v: string | number): string {
  if (typeof v === 'number') return String(v);
  return v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

export class ClickHouseConnection {
  readonly client: ClickHouseClient;

  constructor(
    readonly target: ClickHouseTarget,
    private readonly requestTimeoutMs = 60_000,
  ) {
    this.client = this.open(target.database);
  }

  private open(database: string): ClickHouseClient {
    return createClient({
      url: this.target.url,
      database,
      username: this.target.username,
      password: this.target.password,
      request_timeout: this.requestTimeoutMs,
      max_open_connections: 16,
      application: 'holocron',
      // Long IN lists (a pod tree's 50,000 ids) exceed the default 256 KiB query text limit.
      clickhouse_settings: { max_query_size: '16777216' } as Record<string, string>,
    });
  }

  /** CREATE DATABASE needs a connection that does not name the database yet. */
  async ensureDatabase(): Promise<void> {
    const bootstrap = this.open('default');
    try {
      await bootstrap.command({ query: `CREATE DATABASE IF NOT EXISTS ${this.target.database}` });
    } finally {
      await bootstrap.close();
    }
  }

  async rows<T>(query: string): Promise<T[]> {
    const rs = await this.client.query({ query, format: 'JSONEachRow' });
    return (await rs.json()) as T[];
  }

  async exec(query: string): Promise<void> {
    await this.client.command({ query });
  }

  /** Inserts rows (arrays of column values, in `columns` order) as one TabSeparated block. */
  async insert(table: string, columns: readonly string[], rows: readonly (readonly (string | number)[])[]): Promise<void> {
    if (rows.length === 0) return;
    let text = '';
    for (const r of rows) text += `${r.map(tsvField).join('\t')}\n`;
    await this.client.insert({ table, columns: columns as [string, ...string[]], format: 'TabSeparated', values: Readable.from([text]) });
  }

  async ping(): Promise<boolean> {
    return (await this.client.ping()).success;
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

import { z } from 'zod';
import { parseAgentSpecs, type AgentEndpoint, type DiscoverySpec } from './agent-endpoints';
import { parseDnsServers } from './dns-servers';
import { parseWebhookSpec } from '../detection/webhook-spec';
import { parseDuration, parseSize } from './durations';
import { parseTrustedProxies } from './trusted-proxies';
import { parseIngestNice } from '../worker-threads';

/**
 * Server configuration, read from the environment once at start. A bad value stops the server
 * with a message that names the variable (see ConfigError).
 */
export interface HolocronConfig {
  agents: AgentEndpoint[];
  /** `tetragon+dns://NAME:PORT` entries of HOLOCRON_AGENTS: every address behind NAME is an agent. */
  discovery: DiscoverySpec[];
  /** HOLOCRON_DNS_SERVER: resolvers ("ip" or "ip:port") for discovery; empty = the system's. */
  dnsServers: string[];
  /** HOLOCRON_DISCOVERY_INTERVAL: how often discovered names are resolved again. */
  discoveryIntervalMs: number;
  dbFile: string;
  store: string | null; // clickhouse://… when set
  /** ingest: agents, no cross-server live relay; query: no agents (answers queries, relays live rows); all: both. */
  role: 'ingest' | 'query' | 'all';
  retentionMs: number | null;
  maxDbBytes: number | null;
  token: string | null;
  host: string;
  port: number;
  publicUrl: string | null;
  alertWebhooks: string[];
  rulesDir: string | null;
  demo: boolean;
  maxUploadBytes: number;
  /** Peers (IPs or CIDRs) whose X-Forwarded-For names the client; nobody's is trusted by default. */
  trustedProxies: string[];
  /** A browser session ends after this long without a request, and this long after login whatever. */
  sessionIdleMs: number;
  sessionMaxMs: number;
  /** Longest single string kept from an event (ingest and import); longer ones are cut and marked. */
  maxStringBytes: number;
  /** Exports streaming at once; one more answers 429 naming the limit. */
  maxExports: number;
  /** Nice value of ingest's threads (worker-threads.ts reads the same variable). */
  ingestNice: number;
  /** Per read query (SQLite, on the reader threads): wall time, and rows tested by regexes and other per-row functions. */
  queryBudget: { timeMs: number; maxRows: number };
  /** HOLOCRON_METRICS_PORT: /metrics alone on its own port, without the token (null: only behind the token). */
  metricsPort: number | null;
  /** HOLOCRON_AUTH_PROXY: believe oauth2-proxy's identity headers from HOLOCRON_TRUSTED_PROXIES. */
  authProxy: boolean;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, reason: string) {
    super(`${variable}: ${reason}`);
    this.name = 'ConfigError';
  }
}

const optional = z.string().trim().optional().transform((v) => (v === '' ? undefined : v));

const EnvSchema = z.object({
  HOLOCRON_AGENTS: optional,
  HOLOCRON_DNS_SERVER: optional,
  HOLOCRON_DISCOVERY_INTERVAL: optional,
  HOLOCRON_DB: optional,
  HOLOCRON_STORE: optional,
  HOLOCRON_ROLE: optional,
  HOLOCRON_RETENTION: optional,
  HOLOCRON_MAX_DB_SIZE: optional,
  HOLOCRON_TOKEN: optional,
  HOLOCRON_HOST: optional,
  PORT: optional,
  HOLOCRON_PUBLIC_URL: optional,
  HOLOCRON_ALERT_WEBHOOKS: optional,
  HOLOCRON_RULES_DIR: optional,
  HOLOCRON_DEMO: optional,
  HOLOCRON_MAX_UPLOAD_SIZE: optional,
  HOLOCRON_TRUSTED_PROXIES: optional,
  HOLOCRON_SESSION_IDLE: optional,
  HOLOCRON_SESSION_MAX: optional,
  HOLOCRON_MAX_STRING_SIZE: optional,
  HOLOCRON_MAX_EXPORTS: optional,
  HOLOCRON_INGEST_NICE: optional,
  HOLOCRON_QUERY_TIMEOUT: optional,
  HOLOCRON_QUERY_MAX_ROWS: optional,
  HOLOCRON_METRICS_PORT: optional,
  HOLOCRON_AUTH_PROXY: optional,
  HOLOCRON_AUDIT_LOG: optional,
});

function field<T>(variable: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw new ConfigError(variable, (e as Error).message);
  }
}

export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): HolocronConfig {
  const e = EnvSchema.parse(env);
  const specs = field('HOLOCRON_AGENTS', () => parseAgentSpecs(e.HOLOCRON_AGENTS ?? ''));
  return {
    agents: specs.agents,
    discovery: specs.discovery,
    dnsServers: field('HOLOCRON_DNS_SERVER', () => parseDnsServers(e.HOLOCRON_DNS_SERVER ?? '')),
    discoveryIntervalMs: field('HOLOCRON_DISCOVERY_INTERVAL', () => {
      const ms = e.HOLOCRON_DISCOVERY_INTERVAL ? parseDuration(e.HOLOCRON_DISCOVERY_INTERVAL) : 30_000;
      if (ms < 1000) throw new Error(`"${e.HOLOCRON_DISCOVERY_INTERVAL}" is shorter than 1s`);
      return ms;
    }),
    dbFile: e.HOLOCRON_DB ?? './data/holocron.db',
    store: field('HOLOCRON_STORE', () => {
      if (!e.HOLOCRON_STORE || e.HOLOCRON_STORE === 'sqlite') return null;
      if (!/^clickhouse:\/\/[^/]+\/\w+$/.test(e.HOLOCRON_STORE)) {
        throw new Error(`"${e.HOLOCRON_STORE}" is not clickhouse://host:port/database`);
      }
      return e.HOLOCRON_STORE;
    }),
    role: field('HOLOCRON_ROLE', () => {
      const role = (e.HOLOCRON_ROLE ?? 'all').toLowerCase();
      if (role !== 'ingest' && role !== 'query' && role !== 'all') throw new Error(`"${e.HOLOCRON_ROLE}" is not ingest, query or all`);
      if (role !== 'all' && !e.HOLOCRON_STORE) throw new Error(`"${role}" needs a shared store: set HOLOCRON_STORE=clickhouse://…`);
      return role as HolocronConfig['role'];
    }),
    retentionMs: field('HOLOCRON_RETENTION', () => (e.HOLOCRON_RETENTION ? parseDuration(e.HOLOCRON_RETENTION) : 24 * 3_600_000)),
    maxDbBytes: field('HOLOCRON_MAX_DB_SIZE', () => (e.HOLOCRON_MAX_DB_SIZE ? parseSize(e.HOLOCRON_MAX_DB_SIZE) : 4 * 1024 ** 3)),
    token: e.HOLOCRON_TOKEN ?? null,
    host: e.HOLOCRON_HOST ?? '127.0.0.1',
    port: field('PORT', () => {
      const p = Number(e.PORT ?? 3000);
      if (!Number.isInteger(p) || p < 1 || p > 65535) throw new Error(`"${e.PORT}" is not a TCP port`);
      return p;
    }),
    publicUrl: field('HOLOCRON_PUBLIC_URL', () => {
      if (!e.HOLOCRON_PUBLIC_URL) return null;
      const u = new URL(e.HOLOCRON_PUBLIC_URL);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('must be an http(s) URL');
      return u.toString().replace(/\/$/, '');
    }),
    alertWebhooks: field('HOLOCRON_ALERT_WEBHOOKS', () =>
      (e.HOLOCRON_ALERT_WEBHOOKS ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => {
          parseWebhookSpec(s); // validated here so a bad entry stops the server at start
          return s;
        }),
    ),
    rulesDir: e.HOLOCRON_RULES_DIR ?? null,
    demo: e.HOLOCRON_DEMO === '1',
    maxUploadBytes: field('HOLOCRON_MAX_UPLOAD_SIZE', () => (e.HOLOCRON_MAX_UPLOAD_SIZE ? parseSize(e.HOLOCRON_MAX_UPLOAD_SIZE) : 256 * 1024 ** 2)),
    trustedProxies: field('HOLOCRON_TRUSTED_PROXIES', () => parseTrustedProxies(e.HOLOCRON_TRUSTED_PROXIES ?? '')),
    sessionIdleMs: field('HOLOCRON_SESSION_IDLE', () => (e.HOLOCRON_SESSION_IDLE ? parseDuration(e.HOLOCRON_SESSION_IDLE) : 2 * 3_600_000)),
    sessionMaxMs: field('HOLOCRON_SESSION_MAX', () => (e.HOLOCRON_SESSION_MAX ? parseDuration(e.HOLOCRON_SESSION_MAX) : 12 * 3_600_000)),
    maxStringBytes: field('HOLOCRON_MAX_STRING_SIZE', () => {
      const n = e.HOLOCRON_MAX_STRING_SIZE ? parseSize(e.HOLOCRON_MAX_STRING_SIZE) : 256 * 1024;
      if (n < 1024) throw new Error(`"${e.HOLOCRON_MAX_STRING_SIZE}" is below the smallest cap, 1KiB`);
      return n;
    }),
    maxExports: field('HOLOCRON_MAX_EXPORTS', () => {
      const n = Number(e.HOLOCRON_MAX_EXPORTS ?? 32);
      if (!Number.isInteger(n) || n < 1 || n > 1000) throw new Error(`"${e.HOLOCRON_MAX_EXPORTS}" is not a whole number from 1 to 1000`);
      return n;
    }),
    ingestNice: field('HOLOCRON_INGEST_NICE', () => parseIngestNice(e.HOLOCRON_INGEST_NICE)),
    queryBudget: {
      timeMs: field('HOLOCRON_QUERY_TIMEOUT', () => (e.HOLOCRON_QUERY_TIMEOUT ? parseDuration(e.HOLOCRON_QUERY_TIMEOUT) : 10_000)),
      maxRows: field('HOLOCRON_QUERY_MAX_ROWS', () => {
        const n = Number(e.HOLOCRON_QUERY_MAX_ROWS ?? 5_000_000);
        if (!Number.isInteger(n) || n < 1) throw new Error(`"${e.HOLOCRON_QUERY_MAX_ROWS}" is not a positive whole number`);
        return n;
      }),
    },
    metricsPort: field('HOLOCRON_METRICS_PORT', () => {
      if (!e.HOLOCRON_METRICS_PORT) return null;
      const p = Number(e.HOLOCRON_METRICS_PORT);
      if (!Number.isInteger(p) || p < 1 || p > 65535) throw new Error(`"${e.HOLOCRON_METRICS_PORT}" is not a TCP port`);
      if (p === Number(e.PORT ?? 3000)) throw new Error(`${p} is the web port (PORT): give /metrics a port of its own`);
      return p;
    }),
    authProxy: field('HOLOCRON_AUTH_PROXY', () => {
      const v = (e.HOLOCRON_AUTH_PROXY ?? '0').toLowerCase();
      if (!['0', '1', 'false', 'true'].includes(v)) throw new Error(`"${e.HOLOCRON_AUTH_PROXY}" is not 1 or 0`);
      const on = v === '1' || v === 'true';
      if (on && !(e.HOLOCRON_TRUSTED_PROXIES ?? '').trim()) throw new Error('needs HOLOCRON_TRUSTED_PROXIES: the address of the proxy whose identity headers are believed');
      return on;
    }),
  };
}

import { ConfigError, loadConfig } from './config/config';
import { accessToken } from './auth/access-token';
import { ensureHub } from './hub';
import { checkBuiltBasePath } from './ops/built-base-path';
import { installGracefulShutdown } from './ops/graceful-shutdown';
import { attachMetrics } from './ops/metrics';
import { startMetricsServer } from './ops/metrics-server';

/** Validate the environment and start the hub; a bad value stops the process with its name. */
export async function startServer(): Promise<void> {
  try {
    loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`holocron: invalid configuration: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
  const hub = await ensureHub();
  const agents = hub.config.agents.map((a) => a.label).join(', ') || 'none (import NDJSON or set HOLOCRON_AGENTS)';
  const where = hub.config.store ? hub.config.store.replace(/\/\/[^@/]*@/, '//') : hub.config.dbFile;
  console.log(`holocron: store ${hub.store.capabilities.label} (${where}), role ${hub.config.role}; agents: ${agents}`);
  const { token, generated } = accessToken();
  const base = hub.config.publicUrl ?? `http://${hub.config.host.includes(':') ? `[${hub.config.host}]` : hub.config.host}:${hub.config.port}`;
  if (generated) {
    console.log(`holocron: access token generated for this run; log in at ${base}/api/login?token=${token}`);
  } else {
    console.log(`holocron: log in at ${base}/login with HOLOCRON_TOKEN (scripts: Authorization: Bearer <token>)`);
  }
  checkBuiltBasePath();
  attachMetrics(hub);
  if (hub.config.metricsPort) {
    await startMetricsServer(hub.config.host, hub.config.metricsPort);
    console.log(`holocron: metrics on http://${hub.config.host}:${hub.config.metricsPort}/metrics`);
  }
  installGracefulShutdown(hub);
}

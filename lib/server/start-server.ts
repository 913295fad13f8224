import { ConfigError, loadConfig } from './config/config';
import { ensureHub } from './hub';

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
  console.log(`holocron: store ${hub.store.kind} (${hub.config.dbFile}); agents: ${agents}`);
  const stop = async () => {
    await hub.stop().catch(() => {});
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

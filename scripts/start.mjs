// npm start: the Holocron server alone, ingesting from HOLOCRON_AGENTS.
import { buildIfNeeded } from './build-if-needed.mjs';
import { nextBin, run, serverEnv, stopOnExit } from './processes.mjs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
buildIfNeeded();
stopOnExit();
const host = process.env.HOLOCRON_HOST ?? '127.0.0.1';
const port = process.env.PORT ?? '3000';
const server = run('server', process.execPath, [nextBin, 'start', '-H', host, '-p', port], { env: { ...process.env, ...serverEnv() } });
server.on('exit', (code) => process.exit(code ?? 1));

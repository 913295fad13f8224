// npm run demo: the Death Star scenario agent (looping, real gRPC on loopback) + the Holocron
// server on the embedded SQLite store under ./data, and the URL to open.
import crypto from 'node:crypto';
import { buildIfNeeded } from './build-if-needed.mjs';
import { freePort, nextBin, portIsFree, run, serverEnv, stopOnExit, tsxBin, waitForHttp } from './processes.mjs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
buildIfNeeded();
stopOnExit();

const host = process.env.HOLOCRON_HOST ?? '127.0.0.1';
let port = Number(process.env.PORT ?? 3000);
if (!(await portIsFree(port, host))) {
  const busy = port;
  port = await freePort();
  console.log(`holocron: port ${busy} is busy, using ${port}`);
}
const token = process.env.HOLOCRON_TOKEN || crypto.randomBytes(24).toString('base64url');
const agentPort = await freePort();
const agentAddr = `127.0.0.1:${agentPort}`;

const agent = run('agent', tsxBin, ['lib/agent/cli.ts', '--source', 'scenario:death-star', '--loop', '--listen', agentAddr]);
agent.on('exit', (code) => {
  console.error(`holocron: the scenario agent exited (${code}); stopping`);
  process.exit(1);
});

const server = run('server', process.execPath, [nextBin, 'start', '-H', host, '-p', String(port)], {
  env: {
    ...process.env,
    ...serverEnv(),
    HOLOCRON_AGENTS: `tetragon://${agentAddr},hubble://${agentAddr}`,
    HOLOCRON_DB: process.env.HOLOCRON_DB ?? './data/holocron.db',
    HOLOCRON_DEMO: '1',
    HOLOCRON_TOKEN: token,
    PORT: String(port),
    HOLOCRON_HOST: host,
  },
});
server.on('exit', (code) => {
  console.error(`holocron: the server exited (${code})`);
  process.exit(code ?? 1);
});

await waitForHttp(`http://${host}:${port}/api/health`, 60_000, { authorization: `Bearer ${token}` });
console.log(`\n  Holocron demo is running. Open (this link logs you in):\n\n    http://${host}:${port}/api/login?token=${token}\n\n  Scripts: curl -H 'Authorization: Bearer ${token}' http://${host}:${port}/api/health\n  (the Death Star incident replays every minute; Ctrl-C to stop)\n`);

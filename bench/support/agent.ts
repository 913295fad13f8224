import net from 'node:net';
import path from 'node:path';
import { ROOT, spawnCommand, type Child } from './child';

/** The real node agent (lib/agent/cli.ts) as users start it, on a loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function startAgent(addr: string, args: string[]): Promise<Child> {
  const agent = spawnCommand('agent', path.join(ROOT, 'node_modules/.bin/tsx'), ['lib/agent/cli.ts', ...args, '--listen', addr]);
  await agent.output(`listening on ${addr}`, 60_000);
  return agent;
}

import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { waitFor } from './holocron-server';

/** One `npm run agent` process (scenario, relay, …) as a user starts it, with its output kept. */
export interface AgentProcess {
  address: string;
  log: () => string;
  stop(): Promise<void>;
}

export async function startAgentProcess(name: string, args: string[], listen: string): Promise<AgentProcess> {
  const root = path.resolve(__dirname, '..', '..');
  let output = '';
  const child: ChildProcess = spawn(path.join(root, 'node_modules/.bin/tsx'), ['lib/agent/cli.ts', ...args, '--listen', listen], { cwd: root });
  const add = (b: Buffer) => {
    output += b.toString().split('\n').filter(Boolean).map((l) => `[${name}] ${l}\n`).join('');
    if (output.length > 100_000) output = output.slice(-50_000);
  };
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
  await waitFor(`${name} to listen on ${listen}`, async () => {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${output}`);
    return output.includes(`listening on ${listen}`);
  });
  return {
    address: listen,
    log: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const t = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(t);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

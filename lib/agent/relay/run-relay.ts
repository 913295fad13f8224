import { parseAgentEndpoint } from '@/lib/server/config/agent-endpoints';
import { serverCredentials, type AgentTlsFiles } from '../agent-server';
import { boundAddress } from '../listen-address';
import { createTetragonRelay } from './tetragon-relay';

/** The agent's relay mode, from the command line to a listening server (see tetragon-relay.ts). */
export interface RunRelayOptions {
  source: string; // tetragon:unix:///var/run/tetragon/tetragon.sock, tetragon:host:port[?tls=1…]
  listen: string;
  tls: AgentTlsFiles | null;
  nodeName: string | null;
  maxQueued: number;
  log: (msg: string) => void;
}

/** `tetragon:TARGET` → the endpoint the relay dials, with the server's own parser and options. */
export function relayUpstream(source: string) {
  const target = source.slice('tetragon:'.length);
  if (!target) throw new Error('--source tetragon: needs an address, e.g. tetragon:unix:///var/run/tetragon/tetragon.sock');
  return parseAgentEndpoint(`tetragon://${target.replace(/^\/\//, '')}`);
}

export async function runRelay(opts: RunRelayOptions): Promise<void> {
  const upstream = relayUpstream(opts.source);
  const relay = createTetragonRelay({ upstream, nodeName: opts.nodeName, maxQueued: opts.maxQueued, log: opts.log });
  const port = await new Promise<number>((resolve, reject) =>
    relay.server.bindAsync(opts.listen, serverCredentials(opts.tls), (err, p) => (err ? reject(err) : resolve(p))),
  ).catch((e: Error) => {
    throw new Error(`cannot listen on ${opts.listen}: ${e.message}`);
  });
  console.log(
    `holocron-agent listening on ${boundAddress(opts.listen, port)} (tetragon.FineGuidanceSensors relayed from ${upstream.label})${opts.tls ? ' with TLS' : ''}`,
  );
  const shutdown = () => {
    relay.server.tryShutdown(() => process.exit(0));
    relay.close();
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

import { parseArgs } from 'node:util';
import { rfc3339ToMicrosOr } from '@/lib/domain/time';
import { AgentBus } from './agent-bus';
import { createAgentServer, serverCredentials } from './agent-server';
import { boundAddress } from './listen-address';
import { runRelay } from './relay/run-relay';
import { withNodeName } from './sources/node-name-override';
import { createSourceFromSpec } from './sources/source-spec';
import type { SourceLine } from './sources/source';

/**
 * holocron-agent: serves Tetragon's GetEvents and Hubble's GetFlows from one port.
 *
 *   npm run agent -- --source scenario:death-star --listen 127.0.0.1:54321 [--loop] [--rate N]
 *   npm run agent -- --source file:capture.ndjson [--rate N] [--loop]
 *   sudo npm run agent -- --source ebpf [--node-name N] [--pods-file pods.json] [--watch /path/]…
 *   npm run agent -- --source tetragon:unix:///var/run/tetragon/tetragon.sock --listen 0.0.0.0:54321
 */
const USAGE = `usage: npm run agent -- --source <scenario:death-star|file:PATH|ebpf|tetragon:TARGET> [--listen host:port]
       [--rate lines/s] [--loop] [--seed N] [--no-wait] [--tls-cert F --tls-key F [--tls-client-ca F]] [--node-name NAME]
       ebpf only: [--pods-file pods.json] [--watch PATH-PREFIX]… [--ignore-port N]…
       relay (tetragon:unix:///var/run/tetragon/tetragon.sock or tetragon:host:port[?tls=1&ca=F&cert=F&key=F&servername=N]):
                  [--buffer N messages per subscriber, default 4096]`;

function fail(msg: string): never {
  console.error(`holocron-agent: ${msg}\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        source: { type: 'string' },
        listen: { type: 'string', default: '127.0.0.1:54321' },
        rate: { type: 'string' },
        loop: { type: 'boolean', default: false },
        seed: { type: 'string', default: '1977' },
        'no-wait': { type: 'boolean', default: false },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        'tls-client-ca': { type: 'string' },
        'node-name': { type: 'string' },
        'pods-file': { type: 'string' },
        watch: { type: 'string', multiple: true },
        'ignore-port': { type: 'string', multiple: true },
        buffer: { type: 'string', default: '4096' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (e) {
    fail((e as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.source) fail('--source is required');
  const rate = values.rate === undefined ? null : Number(values.rate);
  if (rate !== null && (!Number.isFinite(rate) || rate <= 0)) fail(`--rate must be a positive number, got "${values.rate}"`);
  const seed = Number(values.seed);
  if (!Number.isInteger(seed)) fail(`--seed must be an integer, got "${values.seed}"`);
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) fail('--tls-cert and --tls-key go together');

  const log = (m: string) => console.error(`[agent] ${m}`);
  const tls = values['tls-cert']
    ? { cert: values['tls-cert'], key: values['tls-key']!, clientCa: values['tls-client-ca'] ?? null }
    : null;
  const nodeName = values['node-name'] ?? null;
  if (values.source.startsWith('tetragon:')) {
    const maxQueued = Number(values.buffer);
    if (!Number.isInteger(maxQueued) || maxQueued < 1) fail(`--buffer must be a positive whole number of messages, got "${values.buffer}"`);
    await runRelay({ source: values.source, listen: values.listen!, tls, nodeName, maxQueued, log }).catch((e: Error) => fail(e.message));
    return;
  }
  const ignorePorts = (values['ignore-port'] ?? []).map(Number);
  if (ignorePorts.some((p) => !Number.isInteger(p) || p <= 0 || p > 65535)) fail('--ignore-port must be a TCP port number');
  const listenPort = Number(/:(\d+)$/.exec(values.listen!)?.[1]);
  if (listenPort) ignorePorts.push(listenPort); // the agent's own gRPC traffic is not an event
  const ebpf = {
    ...(values['node-name'] ? { nodeName: values['node-name'] } : {}),
    ...(values['pods-file'] ? { podsFile: values['pods-file'] } : {}),
    ...(values.watch ? { watchPrefixes: values.watch } : {}),
    ignorePorts,
  };
  let source;
  try {
    source = await createSourceFromSpec(values.source, { rate, loop: values.loop, seed, log, ebpf });
  } catch (e) {
    fail((e as Error).message);
  }
  // ebpf names its own node (--node-name or the host name); other sources play the node named.
  if (nodeName && values.source !== 'ebpf') source = withNodeName(source, nodeName);

  const bus = new AgentBus(undefined, values.source);
  const server = createAgentServer(bus, Date.now(), nodeName);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(values.listen!, serverCredentials(tls), (err, p) => (err ? reject(err) : resolve(p))),
  ).catch((e: Error) => fail(`cannot listen on ${values.listen}: ${e.message}`));
  console.log(`holocron-agent listening on ${boundAddress(values.listen!, port)} (tetragon.FineGuidanceSensors, observer.Observer)${tls ? ' with TLS' : ''}`);

  const abort = new AbortController();
  const shutdown = () => {
    abort.abort();
    server.tryShutdown(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  // A Tetragon stream has no replay: wait for the first subscriber so a scripted scenario is not
  // played to nobody (--no-wait starts at once, like a real node).
  // A server reconnecting both streams after a restart may attach GetFlows seconds before
  // GetEvents (each has its own backoff), and flows can be replayed from the ring while process
  // events cannot: wait for a GetEvents subscriber, or 5 s past the first of any kind (a server
  // that only asks for flows).
  if (!values['no-wait']) {
    await Promise.race([bus.firstTetragonSubscriberReady, bus.firstSubscriberReady.then(() => new Promise((r) => setTimeout(r, 5000)))]);
    await new Promise((r) => setTimeout(r, 300)); // let the other stream of the same server attach
  }

  let bad = 0;
  const sent = { tetragon: 0, hubble: 0, dropped: 0 };
  const emit = (line: SourceLine) => {
    const ok = emitLine(line);
    if (ok === 'skipped') return true;
    if (ok) sent[line.stream]++;
    else sent.dropped++;
    return ok;
  };
  const emitLine = (line: SourceLine): boolean | 'skipped' => {
    if (line.encoded) {
      return bus.emit({ ...line, bytes: line.encoded.bytes, timeUs: line.encoded.timeUs } as Parameters<typeof bus.emit>[0]);
    }
    const time = line.json.time ?? (line.stream === 'hubble' ? line.json.flow?.time : undefined) ?? '';
    try {
      return bus.emit(AgentBus.encode(line.stream, line.json, rfc3339ToMicrosOr(time, Date.now() * 1000)));
    } catch (e) {
      if (bad++ < 20) log(`skipped a line that does not fit the wire schema: ${(e as Error).message}`);
      return 'skipped';
    }
  };
  await source.run(emit, abort.signal);
  // What was sent, for whoever checks what arrived (the multi-node test reads this line).
  log(`source finished: sent ${sent.tetragon} Tetragon lines and ${sent.hubble} Hubble lines, ${sent.dropped} dropped, ${bad} skipped; still serving (Ctrl-C to stop)`);
}

main().catch((e) => {
  // A source that cannot run here (no bpftrace, not root, …) says why; no stack trace needed.
  if ((e as Error).name === 'EbpfUnavailableError') {
    console.error(`holocron-agent: ${(e as Error).message}`);
    process.exit(2);
  }
  console.error(`holocron-agent: ${(e as Error).stack ?? e}`);
  process.exit(1);
});

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentBus } from '@/lib/agent/agent-bus';
import { createAgentServer, serverCredentials } from '@/lib/agent/agent-server';
import { rfc3339ToMicrosOr } from '@/lib/domain/time';
import type { FlowJson, HubbleFlowJson, ProcessJson, TetragonEventJson } from '@/lib/domain/wire-types';
import { loadConfig } from '@/lib/server/config/config';
import { createHub, type Hub } from '@/lib/server/hub';
import { createEbpfSource, DEFAULT_WATCH, type EbpfSource } from './ebpf-source';
import { findOnPath } from './preflight';

// The real thing: bpftrace on this kernel → our agent over gRPC → Holocron's store. Needs root
// and bpftrace (CI runs as root and installs bpftrace through scripts/ensure-system-packages.mjs).
const isRoot = process.getuid?.() === 0;
const hasBpftrace = findOnPath('bpftrace') !== null;
const skipReason = !isRoot ? 'not root' : !hasBpftrace ? 'bpftrace is not installed (apt-get install -y bpftrace)' : '';
if (skipReason) console.warn(`ebpf integration test skipped: ${skipReason}`);

async function until<T>(what: string, fn: () => Promise<T | undefined | null | false> | T | undefined | null | false, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await fn();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.skipIf(Boolean(skipReason))('ebpf source on real kernel events', () => {
  let dir: string;
  let logDir: string;
  let hub: Hub;
  let server: grpc.Server;
  let httpServer: http.Server;
  let httpPort: number;
  let source: EbpfSource;
  const abort = new AbortController();
  let running: Promise<void>;
  const logs: string[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-ebpf-it-'));
    logDir = fs.mkdtempSync('/var/log/holocron-test-');
    fs.writeFileSync(path.join(logDir, 'x.log'), 'evidence\n');
    httpServer = http.createServer((req, res) => res.end(`landed ${req.method}\n`));
    httpPort = await new Promise<number>((r) => httpServer.listen(0, '127.0.0.1', () => r((httpServer.address() as { port: number }).port)));

    const bus = new AgentBus();
    server = createAgentServer(bus, Date.now());
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', serverCredentials(null), (err, p) => (err ? reject(err) : resolve(p))),
    );
    // Like the CLI, start collecting once Holocron listens: GetEvents has no replay, and the
    // processes announced from /proc at start must reach the store.
    hub = await createHub(loadConfig({ HOLOCRON_AGENTS: `tetragon://127.0.0.1:${port},hubble://127.0.0.1:${port}`, HOLOCRON_DB: path.join(dir, 'h.db') }));
    await until('both streams to connect', () => hub.agents.every((a) => a.status.state === 'connected') && bus.subscriberCount === 2);
    source = createEbpfSource({ log: (m) => logs.push(m), nodeName: 'it-node', watchPrefixes: DEFAULT_WATCH, ignorePorts: [port] });
    running = source.run((line) => {
      const time = line.json.time ?? (line.stream === 'hubble' ? line.json.flow?.time : undefined) ?? '';
      bus.emit(AgentBus.encode(line.stream, line.json, rfc3339ToMicrosOr(time, Date.now() * 1000)));
    }, abort.signal);
    await Promise.race([
      source.attached,
      running.then(() => Promise.reject(new Error('the ebpf source stopped before attaching'))),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`bpftrace did not attach within 75 s: ${logs.join(' / ')}`)), 75_000)),
    ]);
  }, 90_000);

  afterAll(async () => {
    abort.abort();
    await running?.catch(() => {});
    await hub?.stop();
    server?.forceShutdown();
    httpServer?.close();
    fs.rmSync(dir, { recursive: true, force: true });
    if (logDir) fs.rmSync(logDir, { recursive: true, force: true });
  });

  it('stores real exec/exit/file/TCP events with ancestry, and the HTTP request as an L7 flow', async () => {
    const logFile = path.join(logDir, 'x.log');
    // One shell runs everything, so every command has the same, known parent.
    const script = [
      `curl -s -XPOST http://127.0.0.1:${httpPort}/v1/request-landing`,
      'cat /etc/shadow > /dev/null',
      `truncate -s 0 ${logFile}`,
      'sleep 30 & echo "sleep:$!"; wait',
    ].join('; ');
    const sh = spawn('/bin/sh', ['-c', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    sh.stdout.on('data', (b: Buffer) => (out += b.toString()));
    const sleepPid = Number((await until('the sleep to start', () => /sleep:(\d+)/.exec(out)))[1]);
    await new Promise((r) => setTimeout(r, 300));
    process.kill(sleepPid, 'SIGKILL');
    await new Promise((r) => sh.on('exit', r));
    expect(out).toContain('landed POST');
    expect(fs.readFileSync(logFile, 'utf8')).toBe('');

    const events = async () => {
      await hub.batcher.flush();
      const page = await hub.store.listEvents({ q: null, sinceUs: null, untilUs: null, limit: 20_000, cursor: null });
      return page.rows.map((r) => JSON.parse(r.json) as TetragonEventJson);
    };
    const flows = async () => {
      await hub.batcher.flush();
      const page = await hub.store.listFlows({ q: null, sinceUs: null, untilUs: null, limit: 20_000, cursor: null });
      return page.rows.map((r) => (JSON.parse(r.json) as HubbleFlowJson).flow!).filter(Boolean);
    };
    const execOf = (list: TetragonEventJson[], pred: (p: ProcessJson) => boolean) => list.find((e) => e.process_exec?.process && pred(e.process_exec.process))?.process_exec?.process;

    // Ancestry: this test's process (announced from /proc at start) → sh → curl / cat / truncate / sleep.
    const list = await until('the whole script to be stored', async () => {
      const l = await events();
      return l.some((e) => e.process_exit?.process?.pid === sleepPid) && l.some((e) => e.process_kprobe?.function_name === 'security_path_truncate') ? l : null;
    });
    const me = execOf(list, (p) => p.pid === process.pid);
    expect(me?.binary).toBe(process.execPath);
    const shell = execOf(list, (p) => p.pid === sh.pid && p.binary === '/bin/sh');
    expect(shell?.arguments).toContain('request-landing');
    expect(shell?.parent_exec_id).toBe(me?.exec_id);
    // PATH decides /usr/bin/curl or /bin/curl (merged /usr): match on the name.
    const curl = execOf(list, (p) => /\/curl$/.test(p.binary ?? '') && (p.arguments ?? '').includes(`${httpPort}/v1/request-landing`));
    expect(curl?.arguments).toBe(`-s -XPOST http://127.0.0.1:${httpPort}/v1/request-landing`);
    expect(curl?.parent_exec_id).toBe(shell?.exec_id);
    expect(Buffer.from(curl!.exec_id!, 'base64').toString()).toMatch(new RegExp(`^it-node:\\d+:${curl!.pid}$`));

    const kprobe = (fn: string, path?: string) =>
      list.find((e) => e.process_kprobe?.function_name === fn && (!path || e.process_kprobe.args?.some((a) => (a.file_arg ?? a.path_arg)?.path === path)))?.process_kprobe;
    const shadow = kprobe('security_file_permission', '/etc/shadow');
    expect(shadow?.process?.binary).toMatch(/\/cat$/);
    expect(shadow?.process?.parent_exec_id).toBe(shell?.exec_id);
    expect(shadow?.args?.[1]?.int_arg).toBe(4);
    const truncate = kprobe('security_path_truncate', logFile);
    expect(truncate?.process?.binary).toMatch(/\/truncate$/);
    expect(truncate?.process?.parent_exec_id).toBe(shell?.exec_id);

    const sleepExit = list.find((e) => e.process_exit?.process?.pid === sleepPid)?.process_exit;
    expect(sleepExit?.signal).toBe('SIGKILL');
    expect(sleepExit?.process?.binary).toMatch(/\/sleep$/);
    expect(sleepExit?.process?.parent_exec_id).toBe(shell?.exec_id);

    // The connection: tcp_connect by curl with its 5-tuple, and the flows with the same tuple.
    const connect = list.find((e) => e.process_kprobe?.function_name === 'tcp_connect' && e.process_kprobe.args?.[0]?.sock_arg?.dport === httpPort)?.process_kprobe;
    expect(connect?.process?.exec_id).toBe(curl?.exec_id);
    const sock = connect!.args![0]!.sock_arg!;
    expect(sock).toMatchObject({ family: 'AF_INET', saddr: '127.0.0.1', daddr: '127.0.0.1', dport: httpPort, state: 'TCP_SYN_SENT' });
    expect(sock.sport).toBeGreaterThan(0);
    const accept = list.find((e) => e.process_kprobe?.function_name === 'inet_csk_accept' && e.process_kprobe.args?.[0]?.sock_arg?.dport === sock.sport);
    expect(accept?.process_kprobe?.process?.pid).toBe(process.pid);

    const fl = await until('the HTTP flows', async () => {
      const f = await flows();
      return f.some((x) => x.l7?.type === 'RESPONSE' && x.l4?.TCP?.destination_port === sock.sport) ? f : null;
    });
    const tuple = (x: FlowJson) => x.l4?.TCP?.source_port === sock.sport && x.l4?.TCP?.destination_port === httpPort;
    const syn = fl.find((x) => tuple(x) && x.l4?.TCP?.flags?.SYN && !x.l4.TCP.flags.ACK);
    expect(syn).toMatchObject({ verdict: 'FORWARDED', Type: 'L3_L4', IP: { source: '127.0.0.1', destination: '127.0.0.1' }, source: { labels: ['reserved:host'] } });
    const request = fl.find((x) => tuple(x) && x.l7?.type === 'REQUEST');
    expect(request?.l7?.http).toEqual({ method: 'POST', url: `http://127.0.0.1:${httpPort}/v1/request-landing`, protocol: 'HTTP/1.1' });
    const response = fl.find((x) => x.l7?.type === 'RESPONSE' && x.l4?.TCP?.destination_port === sock.sport);
    expect(response?.l7?.http?.code).toBe(200);
    expect(Number(response?.l7?.latency_ns)).toBeGreaterThan(0);

    expect(source.stats.malformed).toBe(0);
    expect(logs.join('\n')).toMatch(/attached \d+ probes/);
  }, 60_000);

  it('says plainly what is missing when bpftrace is not there', () => {
    expect(() => createEbpfSource({ log: () => {}, bpftrace: '/nonexistent/bpftrace' })).toThrow(/bpftrace is not installed: install it with `apt-get install -y bpftrace`/);
  });
});

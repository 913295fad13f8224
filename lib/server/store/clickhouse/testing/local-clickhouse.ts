import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A throwaway ClickHouse server for tests and the benchmark: Debian's clickhouse-server (18.16)
 * started as a child process with its own config, data directory and free ports under a scratch
 * directory, ready once /ping answers. `url` is its `holocron` database in HOLOCRON_STORE form;
 * `database(name)` names another one (the store creates it on first use), so each suite can take
 * a fresh one.
 *
 *   const ch = await startLocalClickHouse();
 *   const store = await openStore({ store: ch.url, dbFile: '' });
 *   …
 *   await ch.stop();
 */
export interface LocalClickHouse {
  httpPort: number;
  /** clickhouse://127.0.0.1:<port>/holocron */
  url: string;
  /** clickhouse://127.0.0.1:<port>/<name> */
  database(name: string): string;
  /** The server's log (warnings and errors), for test failure messages. */
  logFile: string;
  stop(): Promise<void>;
}

const BINARIES = ['/usr/sbin/clickhouse-server', '/usr/bin/clickhouse-server', '/usr/bin/clickhouse'];

/** The server binary and how to call it, or null. */
export function findClickHouse(): { command: string; args: string[] } | null {
  for (const file of BINARIES) {
    if (!fs.existsSync(file)) continue;
    return file.endsWith('/clickhouse') ? { command: file, args: ['server'] } : { command: file, args: [] };
  }
  return null;
}

/** Why ClickHouse tests cannot run here, or null when they can. */
export function clickHouseUnavailable(): string | null {
  if (findClickHouse()) return null;
  return 'clickhouse-server is not installed: `sudo apt-get install -y clickhouse-server` (npm test installs it when run as root)';
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function configXml(dir: string, httpPort: number, tcpPort: number): string {
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/server.err.log</errorlog><size>10M</size><count>1</count></logger>
  <http_port>${httpPort}</http_port>
  <tcp_port>${tcpPort}</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mark_cache_size>268435456</mark_cache_size>
  <uncompressed_cache_size>0</uncompressed_cache_size>
  <max_concurrent_queries>200</max_concurrent_queries>
  <keep_alive_timeout>10</keep_alive_timeout>
</yandex>
`;
}

const USERS_XML = `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>4000000000</max_memory_usage></default></profiles>
  <users>
    <default>
      <password></password>
      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
  </users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
`;

async function waitForPing(port: number, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(`http://127.0.0.1:${port}/ping`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').slice(-2000) : '(no log)';
  throw new Error(`clickhouse-server did not answer /ping on port ${port} (exit ${child.exitCode}); log:\n${log}`);
}

export async function startLocalClickHouse(opts: { timeoutMs?: number } = {}): Promise<LocalClickHouse> {
  const bin = findClickHouse();
  if (!bin) throw new Error(clickHouseUnavailable()!);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-clickhouse-'));
  const [httpPort, tcpPort] = [await freePort(), await freePort()];
  const config = path.join(dir, 'config.xml');
  fs.writeFileSync(config, configXml(dir, httpPort, tcpPort));
  fs.writeFileSync(path.join(dir, 'users.xml'), USERS_XML);
  const logFile = path.join(dir, 'server.err.log');
  const child = spawn(bin.command, [...bin.args, `--config-file=${config}`], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  try {
    await waitForPing(httpPort, child, logFile, opts.timeoutMs ?? 30_000);
  } catch (e) {
    child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`${(e as Error).message}\nstderr: ${stderr}`);
  }
  let stopped: Promise<void> | null = null;
  return {
    httpPort,
    logFile,
    url: `clickhouse://127.0.0.1:${httpPort}/holocron`,
    database: (name) => `clickhouse://127.0.0.1:${httpPort}/${name}`,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(force);
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
        if (child.exitCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGTERM');
      });
      return stopped;
    },
  };
}

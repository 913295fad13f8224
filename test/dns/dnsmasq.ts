import { spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import dns from 'node:dns';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A real DNS resolver on loopback for discovery tests: Debian's dnsmasq (package dnsmasq-base),
 * answering from a hosts file in a scratch directory on a free port, authoritative for its
 * domain (unknown names are NXDOMAIN, nothing is forwarded), with no cache. `setHosts` rewrites
 * the file, reloads it (SIGHUP) and returns once the resolver answers the new set — what a
 * headless Service's DNS does as pods come and go.
 */
export const DNSMASQ = '/usr/sbin/dnsmasq';

export interface Dnsmasq {
  server: string; // "127.0.0.1:PORT", for HOLOCRON_DNS_SERVER
  setHosts(name: string, addresses: string[]): Promise<void>;
  stop(): Promise<void>;
}

function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = dgram.createSocket('udp4');
    s.on('error', reject);
    s.bind(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function launch(dir: string, hosts: string, domain: string, port: number): Promise<ChildProcess> {
  const args = [
    '--keep-in-foreground',
    '--conf-file=/dev/null',
    `--port=${port}`,
    '--listen-address=127.0.0.1',
    '--bind-interfaces',
    '--no-resolv',
    '--no-hosts',
    `--addn-hosts=${hosts}`,
    `--local=/${domain}/`,
    '--cache-size=0',
    '--user=root', // the scratch directory is 0700: dropping to nobody could not read it
    '--pid-file=',
    '--log-facility=-',
  ];
  const child = spawn(DNSMASQ, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (b: Buffer) => {
      out += b.toString();
      if (out.includes('read ')) resolve(child); // it has read the hosts file: it is answering
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`dnsmasq exited with ${code}: ${out}`)));
  });
}

export async function startDnsmasq(dir: string, domain: string): Promise<Dnsmasq> {
  const hosts = path.join(dir, 'hosts');
  fs.writeFileSync(hosts, '');
  let child: ChildProcess | null = null;
  let port = 0;
  for (let attempt = 0; !child; attempt++) {
    port = await freeUdpPort();
    try {
      child = await launch(dir, hosts, domain, port);
    } catch (e) {
      if (attempt >= 4) throw e; // the port was taken meanwhile (TCP or UDP): try another
    }
  }
  const proc = child;
  const resolver = new dns.promises.Resolver({ timeout: 1000, tries: 1 });
  resolver.setServers([`127.0.0.1:${port}`]);
  return {
    server: `127.0.0.1:${port}`,
    async setHosts(name, addresses) {
      fs.writeFileSync(hosts, addresses.map((a) => `${a} ${name}\n`).join(''));
      proc.kill('SIGHUP');
      const want = [...addresses].filter((a) => !a.includes(':')).sort().join(',');
      const end = Date.now() + 10_000;
      for (;;) {
        const got = await resolver.resolve4(name).then((a) => a.sort().join(','), () => '');
        if (got === want) return;
        if (Date.now() > end) throw new Error(`dnsmasq still answers ${got || 'nothing'} for ${name}, not ${want}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DNSMASQ, startDnsmasq, type Dnsmasq } from '@/test/dns/dnsmasq';
import { createResolver, resolveAddresses } from './resolve-addresses';

// Against a real resolver: A and AAAA both count, "no such name" is no addresses, a dead
// resolver is an error (so the caller keeps what it knew).
describe.skipIf(!fs.existsSync(DNSMASQ))('resolving every address behind a name', () => {
  let dir: string;
  let dns: Dnsmasq;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-resolve-'));
    dns = await startDnsmasq(dir, 'holocron.test');
    await dns.setHosts('agents.holocron.test', ['127.0.0.7', '127.0.0.8', 'fd00::7']);
  });

  afterAll(async () => {
    await dns?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('takes A and AAAA records, sorted', async () => {
    expect(await resolveAddresses(createResolver([dns.server]), 'agents.holocron.test')).toEqual(['127.0.0.7', '127.0.0.8', 'fd00::7']);
  });

  it('answers no addresses for a name that does not exist', async () => {
    expect(await resolveAddresses(createResolver([dns.server]), 'nothing.holocron.test')).toEqual([]);
  });

  it('takes an address literal as itself, without asking', async () => {
    expect(await resolveAddresses(createResolver(['127.0.0.1:9']), '10.1.2.3')).toEqual(['10.1.2.3']);
  });

  it('fails when the resolver does not answer', async () => {
    await expect(resolveAddresses(createResolver(['127.0.0.1:9']), 'agents.holocron.test')).rejects.toThrow();
  });
});

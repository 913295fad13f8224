import { describe, expect, it } from 'vitest';
import { parseAgentEndpoint } from './agent-endpoints';
import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('parses agents with TLS options and unix sockets', () => {
    expect(parseAgentEndpoint('hubble://relay.kube-system:4245?tls=1&ca=/ca.pem&servername=*.hubble-grpc.cilium.io')).toMatchObject({
      kind: 'hubble',
      target: 'relay.kube-system:4245',
      tls: { ca: '/ca.pem', cert: null, key: null, servername: '*.hubble-grpc.cilium.io' },
    });
    expect(parseAgentEndpoint('tetragon://unix/var/run/tetragon/tetragon.sock').target).toBe('unix:///var/run/tetragon/tetragon.sock');
  });

  it.each([
    ['HOLOCRON_AGENTS', 'grpc://x:1', /unknown agent type "grpc"/],
    ['HOLOCRON_AGENTS', 'tetragon://x', /missing port/],
    ['HOLOCRON_AGENTS', 'tetragon://x:1?cert=/c.pem', /needs both cert= and key=/],
    ['HOLOCRON_AGENTS', 'tetragon://x:1?foo=1', /unknown option "foo"/],
    ['HOLOCRON_RETENTION', '1 day', /not a duration/],
    ['HOLOCRON_MAX_DB_SIZE', 'big', /not a size/],
    ['PORT', '99999', /not a TCP port/],
    ['HOLOCRON_STORE', 'postgres://x/y', /clickhouse/],
    ['HOLOCRON_ROLE', 'reader', /ingest, query or all/],
    ['HOLOCRON_ROLE', 'query', /needs a shared store/],
    ['HOLOCRON_TRUSTED_PROXIES', '10.0.0.0/8, proxy.internal', /"proxy\.internal" is not an IP address or CIDR/],
    ['HOLOCRON_TRUSTED_PROXIES', '10.0.0.0/33', /prefix length must be 0–32/],
    ['HOLOCRON_SESSION_IDLE', 'forever', /not a duration/],
    ['HOLOCRON_SESSION_MAX', '12', /not a duration/],
    ['HOLOCRON_MAX_STRING_SIZE', '10', /below the smallest cap/],
    ['HOLOCRON_MAX_EXPORTS', '0', /whole number from 1 to 1000/],
  ])('a bad %s names the variable', (variable, value, reason) => {
    let error: unknown;
    try {
      loadConfig({ [variable]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as Error).message).toMatch(reason);
  });

  it('has safe defaults: loopback, 24 h retention, no agents', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ host: '127.0.0.1', port: 3000, retentionMs: 86_400_000, agents: [], dbFile: './data/holocron.db' });
  });
});

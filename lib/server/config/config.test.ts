import { describe, expect, it } from 'vitest';
import { endpointForAddress, parseAgentEndpoint, parseAgentSpecs } from './agent-endpoints';
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

  it('takes unix sockets in grpc-js target syntax, Tetragon\'s default first', () => {
    expect(parseAgentEndpoint('tetragon://unix:///var/run/tetragon/tetragon.sock')).toMatchObject({
      target: 'unix:///var/run/tetragon/tetragon.sock',
      tls: null,
      label: 'tetragon://unix:///var/run/tetragon/tetragon.sock',
    });
    expect(parseAgentEndpoint('tetragon://unix:/run/t.sock').target).toBe('unix:///run/t.sock');
    expect(parseAgentEndpoint('tetragon://unix:run/t.sock').target).toBe('unix:run/t.sock');
    expect(parseAgentEndpoint('hubble://unix:///var/run/cilium/hubble.sock?tls=1&servername=x').tls).toMatchObject({ servername: 'x' });
  });

  it('separates fixed agents from names to discover, and dials each address with the name for TLS', () => {
    const specs = parseAgentSpecs('tetragon+dns://tetragon-relay.kube-system.svc.cluster.local:54321?tls=1&ca=/ca.pem, hubble://hubble-relay.kube-system:80');
    expect(specs.agents.map((a) => a.target)).toEqual(['hubble-relay.kube-system:80']);
    expect(specs.discovery).toEqual([
      {
        via: 'dns',
        kind: 'tetragon',
        name: 'tetragon-relay.kube-system.svc.cluster.local',
        selector: null,
        port: 54321,
        tls: { ca: '/ca.pem', cert: null, key: null, servername: null },
        label: 'tetragon+dns://tetragon-relay.kube-system.svc.cluster.local:54321 (tls)',
      },
    ]);
    expect(endpointForAddress(specs.discovery[0]!, '10.0.0.7')).toMatchObject({ target: '10.0.0.7:54321', tls: { servername: 'tetragon-relay.kube-system.svc.cluster.local' } });
    expect(endpointForAddress(specs.discovery[0]!, 'fd00::7').target).toBe('[fd00::7]:54321');
  });

  it.each([
    ['HOLOCRON_AGENTS', 'grpc://x:1', /unknown agent type "grpc"/],
    ['HOLOCRON_AGENTS', 'tetragon://x', /missing port/],
    ['HOLOCRON_AGENTS', 'tetragon://x:1?cert=/c.pem', /needs both cert= and key=/],
    ['HOLOCRON_AGENTS', 'tetragon://x:1?foo=1', /unknown option "foo"/],
    ['HOLOCRON_AGENTS', 'tetragon://unix:', /needs a socket path/],
    ['HOLOCRON_AGENTS', 'tetragon+dns://unix:///x.sock', /cannot be discovered through DNS/],
    ['HOLOCRON_AGENTS', 'tetragon+dns://relay.kube-system', /missing port/],
    ['HOLOCRON_AGENTS', 'tetragon+http://x:1', /unknown agent type "tetragon\+http"/],
    ['HOLOCRON_AGENTS', 'tetragon+k8s://holocron:54321', /needs \?selector=/],
    ['HOLOCRON_AGENTS', 'tetragon+dns://relay:54321?selector=a=b', /unknown option "selector"/],
    ['HOLOCRON_DNS_SERVER', 'kube-dns.kube-system', /not an IP address/],
    ['HOLOCRON_DNS_SERVER', '127.0.0.1:70000', /not a port/],
    ['HOLOCRON_DISCOVERY_INTERVAL', 'often', /not a duration/],
    ['HOLOCRON_DISCOVERY_INTERVAL', '100ms', /shorter than 1s/],
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
    ['HOLOCRON_INGEST_NICE', '-5', /not a nice value from 0 to 19/],
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

  it('takes a namespace and a label selector for Kubernetes API discovery', () => {
    expect(parseAgentSpecs('tetragon+k8s://holocron:54321?selector=app.kubernetes.io/name=holocron-agent%2Ctier=node').discovery[0]).toEqual({
      via: 'k8s',
      kind: 'tetragon',
      name: 'holocron',
      port: 54321,
      selector: 'app.kubernetes.io/name=holocron-agent,tier=node',
      tls: null,
      label: 'tetragon+k8s://holocron:54321?selector=app.kubernetes.io/name=holocron-agent,tier=node',
    });
  });

  it('reads the resolvers and the interval for discovery', () => {
    const c = loadConfig({ HOLOCRON_DNS_SERVER: '127.0.0.1:5353, [::1]:53, 10.96.0.10', HOLOCRON_DISCOVERY_INTERVAL: '5s' });
    expect(c.dnsServers).toEqual(['127.0.0.1:5353', '[::1]:53', '10.96.0.10']);
    expect(c.discoveryIntervalMs).toBe(5000);
    expect(loadConfig({}).discoveryIntervalMs).toBe(30_000);
  });

  it('has safe defaults: loopback, 24 h retention, no agents', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ host: '127.0.0.1', port: 3000, retentionMs: 86_400_000, agents: [], dbFile: './data/holocron.db' });
  });
});

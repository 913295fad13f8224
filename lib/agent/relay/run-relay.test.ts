import { describe, expect, it } from 'vitest';
import { relayUpstream } from './run-relay';

describe('--source tetragon:TARGET', () => {
  it("takes Tetragon's socket, an address, and TLS options in the server's syntax", () => {
    expect(relayUpstream('tetragon:unix:///var/run/tetragon/tetragon.sock')).toMatchObject({ kind: 'tetragon', target: 'unix:///var/run/tetragon/tetragon.sock', tls: null });
    expect(relayUpstream('tetragon:localhost:54321')).toMatchObject({ target: 'localhost:54321', tls: null });
    expect(relayUpstream('tetragon:10.0.0.5:54321?tls=1&ca=/etc/tetragon/ca.pem&servername=tetragon.local')).toMatchObject({
      target: '10.0.0.5:54321',
      tls: { ca: '/etc/tetragon/ca.pem', servername: 'tetragon.local' },
    });
  });

  it.each([
    ['tetragon:', /needs an address/],
    ['tetragon:localhost', /missing port/],
    ['tetragon:unix:', /needs a socket path/],
    ['tetragon:relay.kube-system:54321?selector=x', /unknown option "selector"/],
  ])('refuses %s with the reason', (source, reason) => {
    expect(() => relayUpstream(source)).toThrow(reason);
  });
});

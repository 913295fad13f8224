import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A CA, a server certificate for `serverName` and a client certificate, made with openssl in
 * `dir` (ca.pem, server.pem/.key, client.pem/.key). The server name differs from the address the
 * tests dial, as with real Tetragon (*.tetragon-grpc.cilium.io) or a Service name.
 */
export function makeTestCerts(dir: string, serverName: string): (name: string) => string {
  const f = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=holocron-test-ca', '-keyout', 'ca.key', '-out', 'ca.pem');
  const leaf = (name: string, cn: string, ext: string) => {
    fs.writeFileSync(f(`${name}.ext`), ext);
    openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${cn}`, '-keyout', `${name}.key`, '-out', `${name}.csr`);
    openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-days', '1', '-out', `${name}.pem`, '-extfile', `${name}.ext`);
  };
  leaf('server', serverName, `subjectAltName=DNS:${serverName}\nextendedKeyUsage=serverAuth\n`);
  leaf('client', 'holocron', 'extendedKeyUsage=clientAuth\n');
  return f;
}

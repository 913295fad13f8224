import net from 'node:net';

/**
 * Addresses for simulated nodes: all of 127.0.0.0/8 is loopback on Linux, so each "node" gets
 * an address of its own in a random /24 (other tests on the machine use 127.0.0.1), and all
 * of them one port — a headless Service's name carries no port, so every pod listens on the same.
 */
function canListen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}

export async function loopbackNodes(count: number): Promise<{ addresses: string[]; port: number }> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const net24 = `127.${20 + Math.floor(Math.random() * 200)}.${1 + Math.floor(Math.random() * 250)}`;
    const addresses = Array.from({ length: count }, (_, i) => `${net24}.${i + 2}`);
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    const free = await Promise.all(addresses.map((a) => canListen(a, port)));
    if (free.every(Boolean)) return { addresses, port };
  }
  throw new Error('no free port on fresh loopback addresses after 20 tries');
}

import http from 'node:http';
import { metricsText } from './metrics';

/**
 * HOLOCRON_METRICS_PORT: /metrics on a port of its own, without the token, so Prometheus can
 * scrape it from inside the cluster (the NetworkPolicy in deploy/ admits only the monitoring
 * namespace there) while the web port keeps everything behind the token. Bound to the same host
 * as the web server.
 */
export function startMetricsServer(host: string, port: number): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('only GET /metrics here\n');
      return;
    }
    metricsText().then(
      ({ body, contentType }) => res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body),
      (e: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${e.message}\n`),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      server.unref();
      resolve(server);
    });
  });
}

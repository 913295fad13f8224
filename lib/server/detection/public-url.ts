import os from 'node:os';

/**
 * The base of links that leave the server (webhooks): HOLOCRON_PUBLIC_URL, else where this
 * server listens. A wildcard bind address is no place to browse to, so it becomes the host name.
 */
export function publicBaseUrl(config: { publicUrl: string | null; host: string; port: number }): string {
  if (config.publicUrl) return config.publicUrl.replace(/\/+$/, '');
  const wildcard = config.host === '0.0.0.0' || config.host === '::' || config.host === '';
  const host = wildcard ? os.hostname() : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
}

import { parsePriority, PRIORITIES, type Priority } from '@/lib/domain/rules';
import { parseDuration } from '../config/durations';

/**
 * One entry of HOLOCRON_ALERT_WEBHOOKS: a URL whose #fragment carries the options (a fragment
 * is never sent to the receiver, so options cannot leak into its logs):
 *
 *   https://hooks.example/holocron#min=warning&format=slack&timeout=5s&attempts=5
 *
 * - min: lowest priority sent (emergency … debug; default debug = every alert)
 * - format: json (Falco's JSON + a `holocron` object with the deep link; default) or slack
 * - timeout: per request (default 5s, at most 60s)
 * - attempts: tries per alert, retries back off exponentially (default 5, 1–10)
 * Credentials in the URL (https://user:pass@host/…) are sent as HTTP Basic auth.
 */
export type WebhookFormat = 'json' | 'slack';

export interface WebhookSpec {
  url: string;
  /** Scheme, host and a hint of the path, for logs and /api/health: webhook paths often hold secrets. */
  label: string;
  minPriority: Priority;
  format: WebhookFormat;
  timeoutMs: number;
  attempts: number;
  authorization: string | null;
}

const OPTIONS = ['min', 'format', 'timeout', 'attempts'];

export function webhookLabel(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname.length > 1 ? '/…' : '/'}`;
}

export function parseWebhookSpec(raw: string): WebhookSpec {
  const hash = raw.indexOf('#');
  const urlText = hash < 0 ? raw : raw.slice(0, hash);
  let url: URL;
  try {
    url = new URL(urlText);
  } catch {
    throw new Error(`"${urlText.slice(0, 80)}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${webhookLabel(url)}: must be an http(s) URL`);
  const label = webhookLabel(url);
  const spec: WebhookSpec = { url: '', label, minPriority: 'DEBUG', format: 'json', timeoutMs: 5000, attempts: 5, authorization: null };
  const options = new URLSearchParams(hash < 0 ? '' : raw.slice(hash + 1));
  for (const [key, value] of options) {
    const bad = (expected: string) => new Error(`${label}: option ${key}="${value.slice(0, 40)}": expected ${expected}`);
    if (key === 'min') {
      const p = parsePriority(value);
      if (!p) throw bad(PRIORITIES.map((x) => x.toLowerCase()).join(', '));
      spec.minPriority = p;
    } else if (key === 'format') {
      if (value !== 'json' && value !== 'slack') throw bad('json or slack');
      spec.format = value;
    } else if (key === 'timeout') {
      let ms: number;
      try {
        ms = parseDuration(value);
      } catch {
        throw bad('a duration such as 5s or 1500ms');
      }
      if (ms < 100 || ms > 60_000) throw bad('a duration from 100ms to 60s');
      spec.timeoutMs = ms;
    } else if (key === 'attempts') {
      if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 10) throw bad('a whole number from 1 to 10');
      spec.attempts = Number(value);
    } else {
      throw new Error(`${label}: unknown option "${key.slice(0, 40)}" (options: ${OPTIONS.join(', ')})`);
    }
  }
  if (url.username || url.password) {
    const user = decodeURIComponent(url.username);
    const pass = decodeURIComponent(url.password);
    spec.authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    url.username = '';
    url.password = '';
  }
  spec.url = url.toString();
  return spec;
}

/** HOLOCRON_ALERT_WEBHOOKS as the config holds it (comma-separated entries, already split). */
export function parseWebhookSpecs(entries: readonly string[]): WebhookSpec[] {
  return entries.map(parseWebhookSpec);
}

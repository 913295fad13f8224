/**
 * Value comparisons shared by the in-memory matcher and the SQL functions the store registers,
 * so a filter means the same thing on live events and on stored history.
 */

/** "k8s:app=x" → "app=x": Hubble prefixes labels with their source; filters ignore it. */
export function stripLabelSource(label: string): string {
  return label.replace(/^(k8s|reserved|container|any|cidr|fqdn|unspec):/, (m) => (m === 'reserved:' ? 'reserved:' : ''));
}

export function labelMatches(labels: readonly string[], wanted: string): boolean {
  const hasValue = wanted.includes('=');
  for (const raw of labels) {
    const l = stripLabelSource(raw);
    if (hasValue ? l === wanted : l === wanted || l.startsWith(`${wanted}=`)) return true;
  }
  return false;
}

/** Labels as one string with newline fences, so SQL can test membership with instr(). */
export function fencedLabels(labels: readonly string[]): string {
  if (!labels.length) return '';
  // A pod's labels repeat on every row it appears in: the regexp per label was ~4 % of ingest's
  // writer thread (npm run bench --profile). Bounded: cleared when full.
  const raw = JSON.stringify(labels); // unambiguous, whatever a hostile label holds
  let fenced = fencedCache.get(raw);
  if (fenced === undefined) {
    fenced = `\n${labels.map(stripLabelSource).join('\n')}\n`;
    if (fencedCache.size >= FENCED_CACHE_LIMIT) fencedCache.clear();
    fencedCache.set(raw, fenced);
  }
  return fenced;
}

const FENCED_CACHE_LIMIT = 10_000;
const fencedCache = new Map<string, string>();

export function ipv4ToInt(ip: string): number | null {
  const parts = ip.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    n = n * 256 + Number(p);
  }
  return n;
}

export function ipMatches(ip: string, wanted: string): boolean {
  if (!ip) return false;
  const slash = wanted.indexOf('/');
  if (slash < 0) return ip.toLowerCase() === wanted;
  const base = ipv4ToInt(wanted.slice(0, slash));
  const addr = ipv4ToInt(ip);
  const bits = Number(wanted.slice(slash + 1));
  if (base === null || addr === null || bits > 32) return false;
  if (bits === 0) return true;
  const mask = bits === 32 ? 0xffffffff : ~((1 << (32 - bits)) - 1) >>> 0;
  return ((addr & mask) >>> 0) === ((base & mask) >>> 0);
}

export function httpStatusMatches(code: number, wanted: string): boolean {
  if (wanted.endsWith('+')) {
    const cls = Number(wanted[0]);
    return code >= cls * 100 && code < cls * 100 + 100;
  }
  return code === Number(wanted);
}

export function podMatches(namespace: string, pod: string, wanted: string): boolean {
  const slash = wanted.indexOf('/');
  if (slash < 0) return pod !== '' && pod.startsWith(wanted);
  return namespace === wanted.slice(0, slash) && pod.startsWith(wanted.slice(slash + 1));
}

export function serviceMatches(service: string, wanted: string): boolean {
  if (!service) return false;
  return wanted.includes('/') ? service === wanted : service.slice(service.indexOf('/') + 1) === wanted;
}

export function dnsMatches(query: string, wanted: string): boolean {
  if (!query) return false;
  const q = query.toLowerCase().replace(/\.$/, '');
  const w = wanted.toLowerCase().replace(/\.$/, '');
  return q === w || q.endsWith(`.${w}`);
}

/**
 * The sub-path Holocron is served under (HOLOCRON_BASE_PATH, e.g. `/holocron` behind an
 * ingress), inlined at build time like Next's own basePath (next.config.js sets both from the one
 * variable; scripts/build-if-needed.mjs rebuilds when it changes). `<Link>` and `router.push` add
 * the base path themselves; everything else that names one of our URLs — fetch, EventSource,
 * plain `<a href>` (downloads), `<form action>` — goes through appUrl, and only those (a path
 * passed to both would get it twice).
 */
export const BASE_PATH: string = process.env.NEXT_PUBLIC_HOLOCRON_BASE_PATH ?? '';

/** `/api/flows?…` → `/holocron/api/flows?…` under a base path; unchanged without one. */
export function appUrl(path: string): string {
  if (!path.startsWith('/') || path.startsWith('//')) throw new Error(`appUrl expects an absolute path, got ${JSON.stringify(path)}`);
  return path === '/' && BASE_PATH ? BASE_PATH : `${BASE_PATH}${path}`;
}

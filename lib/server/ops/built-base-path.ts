import fs from 'node:fs';
import path from 'node:path';

/**
 * Next fixes basePath at build time. A server started with another HOLOCRON_BASE_PATH than its
 * build would answer every link with 404, so it stops and says how to fix it (`npm start`
 * rebuilds by itself: scripts/build-if-needed.mjs).
 */
export function checkBuiltBasePath(env: Record<string, string | undefined> = process.env, distDir = env.HOLOCRON_DIST_DIR || '.next'): void {
  const manifest = path.join(distDir, 'routes-manifest.json');
  if (!fs.existsSync(manifest)) return; // `next dev`: no fixed build
  const built = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { basePath?: string }).basePath ?? '';
  const wanted = (env.HOLOCRON_BASE_PATH ?? '').trim().replace(/\/+$/, '');
  if (built !== wanted) {
    console.error(
      `holocron: invalid configuration: HOLOCRON_BASE_PATH: the build serves under "${built || '/'}" but HOLOCRON_BASE_PATH is "${wanted || '/'}": rebuild (npm run build, or npm start, which rebuilds when it differs)`,
    );
    process.exit(1);
  }
}

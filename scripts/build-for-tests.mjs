// The builds the browser tests start: the app as `npm start` serves it, and the same app under a
// sub-path (e2e/sub-path), which Next fixes at build time and so lives in its own directory.
import { spawnSync } from 'node:child_process';
import { buildIfNeeded } from './build-if-needed.mjs';

export const SUBPATH_DIST_DIR = '.next-subpath';

export function buildForTests() {
  buildIfNeeded();
  // build-if-needed reads its directory and base path from the environment once, at load: a child.
  const env = { ...process.env, HOLOCRON_BASE_PATH: '/holocron', HOLOCRON_DIST_DIR: SUBPATH_DIST_DIR };
  const r = spawnSync(process.execPath, ['scripts/build-if-needed.mjs'], { stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// Builds the Next.js app when there is no build or the sources changed since the last one, so
// `npm run demo` / `npm start` work from a clean clone and stay current after a pull.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const { basePathFromEnv } = createRequire(import.meta.url)('./base-path.cjs');

const ROOTS = ['app', 'components', 'lib', 'proto', 'public', 'rules', 'next.config.js', 'package.json', 'instrumentation.ts', 'postcss.config.mjs', 'proxy.ts'];
const DIST = process.env.HOLOCRON_DIST_DIR || '.next';
const STAMP = path.join(DIST, 'holocron-source-stamp');

function walk(p, out) {
  if (!fs.existsSync(p)) return;
  const st = fs.statSync(p);
  if (st.isDirectory()) {
    for (const name of fs.readdirSync(p).sort()) walk(path.join(p, name), out);
  } else if (!p.endsWith('.test.ts')) {
    out.push(`${p}:${st.size}:${st.mtimeMs}`);
  }
}

export function sourceStamp() {
  const entries = [];
  for (const r of ROOTS) walk(r, entries);
  // Next fixes the base path at build time: serving under another one needs a new build.
  entries.push(`basePath:${basePathFromEnv()}`);
  return crypto.createHash('sha256').update(entries.join('\n')).digest('hex');
}

export function buildIfNeeded({ force = false } = {}) {
  const stamp = sourceStamp();
  const fresh = fs.existsSync(path.join(DIST, 'BUILD_ID')) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8') === stamp;
  if (fresh && !force) return false;
  console.log('holocron: building the web app (next build)…');
  execFileSync(process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  fs.writeFileSync(STAMP, stamp);
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) buildIfNeeded({ force: process.argv.includes('--force') });

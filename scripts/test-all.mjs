// npm test: everything, in the order that fails fastest — types, unit and integration tests
// (vitest), then the production build and the browser tests in Chromium against real servers.
import { spawnSync } from 'node:child_process';
import { buildForTests } from './build-for-tests.mjs';
import { ensureSystemPackages } from './ensure-system-packages.mjs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
const started = Date.now();

function step(name, command, args) {
  console.log(`\n=== ${name} ===`);
  const t = Date.now();
  const r = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  console.log(`=== ${name}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - t) / 1000).toFixed(0)} s ===`);
  if (r.status !== 0) process.exit(r.status ?? 1);
}

ensureSystemPackages();
step('typecheck', process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.']);
step('unit and integration tests', process.execPath, ['node_modules/vitest/vitest.mjs', 'run']);
console.log('\n=== build ===');
buildForTests();
step('browser tests (Chromium)', process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', 'vitest.e2e.config.ts']);
console.log(`\nall tests passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);

// npm run test:e2e: the builds the browser tests need, then the browser tests in Chromium.
import { spawnSync } from 'node:child_process';
import { buildForTests } from './build-for-tests.mjs';
import { ensureSystemPackages } from './ensure-system-packages.mjs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
ensureSystemPackages();
buildForTests();
const r = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', 'vitest.e2e.config.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);

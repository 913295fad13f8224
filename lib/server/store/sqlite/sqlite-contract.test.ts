import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { defineStoreContract } from '../testing/store-contract';
import { SqliteStore } from './sqlite-store';

// The shared store contract on SQLite: a fresh file per store the suite asks for.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-sqlite-contract-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

defineStoreContract('SQLite', async (name) => new SqliteStore(path.join(dir, `${name}.db`)));

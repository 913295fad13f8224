import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { openStore } from '../open-store';
import { defineStoreContract } from '../testing/store-contract';

// The shared store contract on SQLite as the server opens it: reads answered by the reader
// threads (read-pool.ts), so the pool's generic wrapping cannot change what any read returns.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-readpool-contract-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

defineStoreContract('SQLite with reader threads', async (name) => openStore({ store: null, dbFile: path.join(dir, `${name}.db`) }));

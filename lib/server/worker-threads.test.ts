import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '@/lib/server/store/sqlite/sqlite-store';
import { INGEST_NICE, parseIngestNice } from './worker-threads';

/** Nice value of each of this process's threads, by name (/proc/self/task/<tid>/stat field 19). */
function threadNices(): number[] {
  return fs.readdirSync('/proc/self/task').flatMap((tid) => {
    try {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return [Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])];
    } catch {
      return [];
    }
  });
}

describe.runIf(process.platform === 'linux')('ingest threads', () => {
  let store: SqliteStore | null = null;
  let dir = '';
  afterEach(async () => {
    await store?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('run the SQLite writer at a lower priority than the thread serving requests', async () => {
    const before = threadNices().filter((n) => n === INGEST_NICE).length;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingest-nice-'));
    store = new SqliteStore(path.join(dir, 'h.db'));
    await store.writerPragma('user_version'); // the writer thread is up and has answered
    // The writer asked for nice 10 for itself only: this thread (and so the HTTP thread) keeps its own.
    expect(threadNices().filter((n) => n === INGEST_NICE).length).toBeGreaterThan(before);
    expect(os.getPriority(0)).toBe(0);
  });
});

describe('HOLOCRON_INGEST_NICE', () => {
  it('defaults to 10, takes 0 (the server\'s own priority) to 19, and names a bad value', () => {
    expect(parseIngestNice(undefined)).toBe(INGEST_NICE);
    expect(parseIngestNice('0')).toBe(0);
    expect(parseIngestNice('19')).toBe(19);
    expect(() => parseIngestNice('20')).toThrow(/"20" is not a nice value from 0 to 19/);
    expect(() => parseIngestNice('low')).toThrow(/not a nice value/);
  });
});

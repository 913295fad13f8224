import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openConnection } from './sqlite-connection';
import { WalBudget } from './wal-budget';

const KiB = 1024;

describe('WalBudget', () => {
  let dir: string;
  let file: string;
  let db: Database.Database;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holocron-wal-budget-'));
    file = path.join(dir, 'w.db');
    db = openConnection(file);
    db.exec('CREATE TABLE t (v BLOB)');
  });
  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const write = (rows: number) => {
    const ins = db.prepare('INSERT INTO t VALUES (randomblob(4000))');
    db.transaction(() => {
      for (let i = 0; i < rows; i++) ins.run();
    })();
  };

  it('leaves a WAL within its limit alone, and cuts one past it to nothing', () => {
    const wal = new WalBudget(db);
    write(10);
    const small = wal.bytes();
    expect(small).toBeGreaterThan(0);
    expect(wal.settle(small)).toBe(true);
    expect(wal.bytes()).toBe(small);
    write(200);
    expect(wal.settle(64 * KiB)).toBe(true);
    expect(wal.bytes()).toBe(0);
  });

  it('says when a reader pins the WAL, waits for it only once in a while, and resets once it is gone', () => {
    const wal = new WalBudget(db);
    write(10);
    const reader = new Database(file, { readonly: true });
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM t').get();
    write(200);
    const t0 = performance.now();
    expect(wal.settle(64 * KiB, 60_000)).toBe(false); // waited for the reader, in vain
    const waited = performance.now() - t0;
    expect(waited).toBeGreaterThanOrEqual(200);
    const t1 = performance.now();
    expect(wal.settle(64 * KiB, 60_000)).toBe(false); // asked again at once: no second wait
    expect(performance.now() - t1).toBeLessThan(waited / 2);
    expect(wal.bytes()).toBeGreaterThan(64 * KiB);
    reader.exec('COMMIT');
    reader.close();
    expect(wal.settle(64 * KiB)).toBe(true);
    expect(wal.bytes()).toBe(0);
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 210 });
  });
});

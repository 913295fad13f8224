import { describe, expect, it } from 'vitest';
import { FlowWindow } from './flow-window';
import { flowRow, rowsNewestFirst } from './testing/flow-row';

const ids = (w: FlowWindow) => w.snapshot().rows.map((r) => r.id);

describe('FlowWindow: history and live rows', () => {
  it('merges live rows and history newest first, without duplicates', () => {
    const w = new FlowWindow(100);
    w.addLive([flowRow('r10', 10), flowRow('r11', 11)]); // the stream can beat the first page
    w.addHistory(rowsNewestFirst(5, 11), 'cursor-1');
    expect(ids(w)).toEqual(['r11', 'r10', 'r9', 'r8', 'r7', 'r6', 'r5']);
    expect(w.snapshot().older).toEqual({ cursor: 'cursor-1', until: null });
    w.addHistory(rowsNewestFirst(0, 5), null);
    expect(ids(w)).toHaveLength(12);
    expect(w.snapshot().older).toBe('end');
  });

  it('places a late live row by its time, not at the top', () => {
    const w = new FlowWindow(100);
    w.addHistory(rowsNewestFirst(0, 3), null);
    w.addLive([flowRow('late', 1.5)]);
    expect(ids(w)).toEqual(['r2', 'late', 'r1', 'r0']);
  });

  it('produces a new snapshot only when something changed', () => {
    const w = new FlowWindow(100);
    w.addHistory(rowsNewestFirst(0, 3), null);
    const s = w.snapshot();
    expect(w.snapshot()).toBe(s);
    w.addLive([flowRow('r1', 1)]); // duplicate
    expect(w.snapshot()).toBe(s);
    w.addLive([flowRow('r3', 3)]);
    expect(w.snapshot()).not.toBe(s);
    expect(w.snapshot().version).toBeGreaterThan(s.version);
  });
});

describe('FlowWindow: pause and "N new"', () => {
  it('holds live rows back while holding and merges them on release', () => {
    const w = new FlowWindow(100);
    w.addHistory(rowsNewestFirst(0, 3), null);
    w.setHolding(true);
    w.addLive([flowRow('r3', 3), flowRow('r4', 4)]);
    w.addLive([flowRow('r4', 4), flowRow('r5', 5)]);
    expect(ids(w)).toEqual(['r2', 'r1', 'r0']);
    expect(w.snapshot().pending).toBe(3);
    w.setHolding(false);
    expect(ids(w)).toEqual(['r5', 'r4', 'r3', 'r2', 'r1', 'r0']);
    expect(w.snapshot().pending).toBe(0);
  });

  it('asks for a reload when more arrived while paused than it can hold', () => {
    const w = new FlowWindow(5);
    w.addHistory(rowsNewestFirst(0, 3), null);
    w.setHolding(true);
    w.addLive(rowsNewestFirst(3, 10));
    expect(w.snapshot().pending).toBe(7);
    w.setHolding(false);
    expect(w.snapshot().reloadNeeded).toBe(true);
    expect(ids(w)).toEqual(['r2', 'r1', 'r0']);
    w.clear();
    expect(w.snapshot()).toMatchObject({ reloadNeeded: false, pending: 0, rows: [] });
  });
});

describe('FlowWindow: bounded memory', () => {
  it('drops the oldest rows when live rows overflow, and pages again from the oldest kept', () => {
    const w = new FlowWindow(5);
    w.addHistory(rowsNewestFirst(0, 5), 'c1');
    w.addLive([flowRow('r5', 5), flowRow('r6', 6)]);
    expect(ids(w)).toEqual(['r6', 'r5', 'r4', 'r3', 'r2']);
    const s = w.snapshot();
    expect(s.droppedOlder).toBe(2);
    expect(s.older).toEqual({ cursor: null, until: flowRow('r2', 2).time });
    // The evicted rows can come back when the user scrolls down again.
    w.addHistory([flowRow('r2', 2), flowRow('r1', 1)], 'c2');
    expect(w.snapshot().older).toEqual({ cursor: 'c2', until: flowRow('r2', 2).time });
  });

  it('drops the newest rows when paging into history overflows, and stops merging live rows', () => {
    const w = new FlowWindow(5);
    w.addHistory(rowsNewestFirst(5, 10), 'c1');
    w.addHistory(rowsNewestFirst(2, 5), 'c2');
    expect(ids(w)).toEqual(['r6', 'r5', 'r4', 'r3', 'r2']);
    expect(w.snapshot()).toMatchObject({ droppedNewer: 3, reloadNeeded: true });
    w.addLive([flowRow('r11', 11)]);
    expect(ids(w)).not.toContain('r11');
    expect(w.snapshot().pending).toBe(1);
  });

  it('keeps the rows of a non-time sort in step with eviction', () => {
    const w = new FlowWindow(3);
    w.setSort({ column: 'http-status', desc: false });
    w.addHistory([flowRow('a', 3, { httpCode: 500 }), flowRow('b', 2, { httpCode: 200 }), flowRow('c', 1, { httpCode: 404 })], null);
    expect(ids(w)).toEqual(['b', 'c', 'a']);
    w.addLive([flowRow('d', 4, { httpCode: 100 })]);
    expect(ids(w)).toEqual(['d', 'b', 'a']); // c (the oldest) went
    w.setSort({ column: 'time', desc: true });
    expect(ids(w)).toEqual(['d', 'a', 'b']);
  });
});

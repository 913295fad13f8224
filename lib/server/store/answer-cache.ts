import type { RenderedAnswer } from './store';

const MAX_BYTES = 16 * 1024 * 1024;

/**
 * Rendered answers (AnswerStore) kept for as long as the store has not changed: the same question
 * asked again gets the same bytes without reading or compressing anything. The 10,000-process tree
 * costs ~40 ms of CPU a request over HTTP (the rows, 4.4 MB of JSON, gzip), of which the server
 * spends ~9 once the answer is kept (npm run bench's tree figure, a timeline reopened or reloaded).
 *
 * `generation` is the store's count of writes (SqliteStore.changes): an answer rendered at one
 * generation is never given at another, so a write since — an insert, retention — means a fresh
 * read. An answer whose read overlapped a write is kept under the generation read before it, which
 * the store has already left: never given out.
 */
export class AnswerCache {
  private readonly entries = new Map<string, { generation: number; bytes: Uint8Array }>();
  private held = 0;

  constructor(private readonly maxBytes = MAX_BYTES) {}

  async answer(key: string, generation: number, render: () => Promise<RenderedAnswer>): Promise<RenderedAnswer> {
    const hit = this.entries.get(key);
    if (hit?.generation === generation) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      // A copy: the response may take over (detach) the buffer it is given.
      return { bytes: hit.bytes.slice() };
    }
    const fresh = await render();
    this.keep(key, generation, fresh.bytes);
    return fresh;
  }

  private keep(key: string, generation: number, bytes: Uint8Array): void {
    this.drop(key);
    if (bytes.byteLength > this.maxBytes / 4) return; // one answer never takes most of the room
    this.entries.set(key, { generation, bytes: bytes.slice() });
    this.held += bytes.byteLength;
    for (const oldest of this.entries.keys()) {
      if (this.held <= this.maxBytes) break;
      this.drop(oldest);
    }
  }

  private drop(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.held -= entry.bytes.byteLength;
  }
}

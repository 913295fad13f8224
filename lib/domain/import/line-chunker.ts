/**
 * Cuts an NDJSON text stream into request bodies of whole lines, about `maxChars` each, so a
 * capture of any size goes to POST /api/import piece by piece: the browser never holds the file
 * (or its decompressed text) whole, the progress bar moves per piece, and no request meets the
 * server's upload limit. A line longer than `maxChars` travels alone (the server judges it).
 */
export interface LineChunk {
  /** Whole lines, each ending in "\n". */
  text: string;
  /** Number of the chunk's first line in the file (1-based). */
  firstLine: number;
  lines: number;
}

export class LineChunker {
  private pending = '';
  private nextLine = 1;

  constructor(private readonly maxChars = 1 << 20) {}

  /** Adds decoded text; returns the chunks it completed. */
  push(text: string): LineChunk[] {
    this.pending += text;
    const out: LineChunk[] = [];
    while (this.pending.length >= this.maxChars) {
      const cut = this.pending.lastIndexOf('\n', this.maxChars - 1);
      // No newline within the budget: one long line, sent alone once it is complete.
      const end = cut >= 0 ? cut + 1 : this.pending.indexOf('\n') + 1;
      if (end <= 0) break;
      out.push(this.take(end));
    }
    return out;
  }

  /** The rest, at the end of the file (a last line without "\n" gets one). */
  flush(): LineChunk[] {
    if (!this.pending) return [];
    if (!this.pending.endsWith('\n')) this.pending += '\n';
    return [this.take(this.pending.length)];
  }

  private take(end: number): LineChunk {
    const text = this.pending.slice(0, end);
    this.pending = this.pending.slice(end);
    let lines = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
    const chunk = { text, firstLine: this.nextLine, lines };
    this.nextLine += lines;
    return chunk;
  }
}

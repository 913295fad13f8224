/**
 * What one bench run found: a row per figure, with its target when it has one. A target is met
 * (PASS) or not (MISS), and the ratio says by how much: measured/target for "at least" targets,
 * target/measured for "at most" ones — so >= 1 always means met.
 */
export interface Target {
  op: '>=' | '<=';
  value: number;
}

export interface Row {
  section: string;
  metric: string;
  value: number | null; // null: not measured (see note)
  unit: string;
  target?: Target;
  note?: string;
}

export type Status = 'PASS' | 'MISS' | 'SKIP' | '';

export function statusOf(r: Row): { status: Status; ratio: number | null } {
  if (!r.target) return { status: r.value === null ? 'SKIP' : '', ratio: null };
  if (r.value === null) return { status: 'SKIP', ratio: null };
  const ratio = r.target.op === '>=' ? r.value / r.target.value : r.value === 0 ? Infinity : r.target.value / r.value;
  return { status: ratio >= 1 ? 'PASS' : 'MISS', ratio };
}

export class Report {
  readonly rows: Row[] = [];
  readonly details: Record<string, unknown> = {};
  /** Called after each row: the run saves results.json, so a process killed mid-section keeps it. */
  onAdd: (() => void) | null = null;

  add(row: Row): Row {
    this.rows.push(row);
    this.onAdd?.();
    return row;
  }

  skip(section: string, metric: string, reason: string, target?: Target): void {
    this.add({ section, metric, value: null, unit: '', note: reason, ...(target ? { target } : {}) });
  }

  detail(key: string, value: unknown): void {
    this.details[key] = value;
  }
}

function formatValue(v: number | null, unit: string): string {
  if (v === null) return '—';
  const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  return `${v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 })}${unit ? ` ${unit}` : ''}`;
}

function formatTarget(t: Target | undefined, unit: string): string {
  if (!t) return '';
  return `${t.op === '>=' ? '≥' : '≤'} ${formatValue(t.value, unit)}`;
}

function formatStatus(r: Row): string {
  const { status, ratio } = statusOf(r);
  if (status === 'PASS' || status === 'MISS') return `${status} ${ratio === Infinity ? '∞' : `${ratio!.toFixed(2)}×`}`;
  return status;
}

/** The table `npm run bench` prints (also pasted into the README's Performance section). */
export function formatTable(rows: readonly Row[], markdown = false): string {
  const header = ['section', 'measure', 'value', 'target', 'status', 'note'];
  const body = rows.map((r) => [r.section, r.metric, formatValue(r.value, r.unit), formatTarget(r.target, r.unit), formatStatus(r), r.note ?? '']);
  if (markdown) {
    const esc = (s: string) => s.replace(/\|/g, '\\|');
    return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...body.map((c) => `| ${c.map(esc).join(' | ')} |`)].join('\n');
  }
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((c) => (i === 5 ? 0 : c[i]!.length))));
  const line = (c: string[]) => c.map((s, i) => (i === 5 ? s : i === 2 ? s.padStart(widths[i]!) : s.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...body.map(line)].join('\n');
}

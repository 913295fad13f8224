'use client';

import { useEffect, useState } from 'react';
import { QUICK_RANGES, type ProcessesSearch, type QuickRange } from './search-params';

/**
 * Time range: quick buttons (last 5 min … 24 h, all) and an absolute range typed as UTC date and
 * time. The view's URL holds the choice; "all" is the default (everything retained).
 */
type Range = Pick<ProcessesSearch, 'range' | 'since' | 'until'>;

const LABELS: Record<QuickRange, string> = { '5m': '5 min', '15m': '15 min', '1h': '1 h', '6h': '6 h', '24h': '24 h' };

/** RFC 3339 → the value of a datetime-local input, read as UTC. */
function toInput(rfc: string | null): string {
  if (!rfc) return '';
  const ms = Date.parse(rfc);
  return Number.isNaN(ms) ? '' : new Date(ms).toISOString().slice(0, 19);
}

function fromInput(v: string): string | null {
  if (!v) return null;
  const ms = Date.parse(`${v.length === 16 ? `${v}:00` : v}Z`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString().replace('.000Z', 'Z');
}

export function TimeRangePicker({ value, onChange }: { value: Range; onChange(r: Range): void }) {
  const [open, setOpen] = useState(false);
  const [since, setSince] = useState(toInput(value.since));
  const [until, setUntil] = useState(toInput(value.until));
  useEffect(() => {
    setSince(toInput(value.since));
    setUntil(toInput(value.until));
  }, [value.since, value.until]);

  const absolute = !value.range && (value.since || value.until);
  const btn = (active: boolean) =>
    `rounded px-2 py-0.5 text-xs ${active ? 'bg-sky-700 text-white' : 'text-slate-300 hover:bg-slate-800 hover:text-white'}`;
  const apply = () => {
    const s = fromInput(since);
    const u = fromInput(until);
    onChange({ range: null, since: s, until: u });
    setOpen(false);
  };

  return (
    <div className="relative flex items-center gap-0.5 rounded border border-slate-700 bg-slate-900 p-0.5" data-testid="time-range">
      <span className="px-1 text-[11px] uppercase tracking-wide text-slate-500">Last</span>
      {QUICK_RANGES.map((r) => (
        <button key={r} type="button" className={btn(value.range === r)} aria-pressed={value.range === r} onClick={() => onChange({ range: r, since: null, until: null })}>
          {LABELS[r]}
        </button>
      ))}
      <button type="button" className={btn(!value.range && !absolute)} aria-pressed={!value.range && !absolute} onClick={() => onChange({ range: null, since: null, until: null })}>
        all
      </button>
      <button type="button" className={btn(Boolean(absolute))} aria-expanded={open} onClick={() => setOpen((o) => !o)} title="An absolute range, in UTC">
        {absolute ? `${value.since ? toInput(value.since).replace('T', ' ') : '…'} → ${value.until ? toInput(value.until).replace('T', ' ') : 'now'}` : 'custom…'}
      </button>
      {open && (
        <form
          className="absolute right-0 top-full z-30 mt-1 flex flex-col gap-2 rounded border border-slate-700 bg-slate-900 p-3 text-xs shadow-xl"
          onSubmit={(e) => {
            e.preventDefault();
            apply();
          }}
        >
          <label className="flex items-center justify-between gap-2">
            <span className="text-slate-400">From (UTC)</span>
            <input type="datetime-local" step={1} value={since} onChange={(e) => setSince(e.target.value)} className="rounded border border-slate-700 bg-slate-950 px-1 py-0.5 text-slate-100" />
          </label>
          <label className="flex items-center justify-between gap-2">
            <span className="text-slate-400">To (UTC)</span>
            <input type="datetime-local" step={1} value={until} onChange={(e) => setUntil(e.target.value)} className="rounded border border-slate-700 bg-slate-950 px-1 py-0.5 text-slate-100" />
          </label>
          <p className="text-slate-500">Leave “To” empty to keep following new events.</p>
          <div className="flex justify-end gap-2">
            <button type="button" className="rounded px-2 py-0.5 text-slate-300 hover:bg-slate-800" onClick={() => setOpen(false)}>
              Cancel
            </button>
            <button type="submit" className="rounded bg-sky-700 px-2 py-0.5 text-white hover:bg-sky-600">
              Apply
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

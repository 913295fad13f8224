'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { QUICK_RANGES, type QuickRange, type TimeWindow } from '@/components/url-state/time-window';
import { fromUtcInput, toUtcInput } from './utc-input';

/**
 * The time window of every view: quick ranges relative to now (the view keeps sliding with time),
 * "all" (everything retained), or an absolute since/until typed in UTC. One picker, so a window
 * means the same and looks the same on /flows, /processes, /map and /alerts.
 *
 * A view either handles the choice (`onChange`, it writes its URL) or gives one link per choice
 * (`links`, for a server-rendered page that must work without scripts; the absolute form is then
 * left out). `all: false` hides "all" for a view that needs a bounded window (the map).
 */
const LABELS: Record<QuickRange, string> = { '5m': '5 min', '15m': '15 min', '1h': '1 h', '6h': '6 h', '24h': '24 h' };

export type WindowLinks = Partial<Record<QuickRange | 'all', string>>;

interface Props {
  value: TimeWindow;
  onChange?: (w: TimeWindow) => void;
  links?: WindowLinks;
  all?: boolean;
  /** Under the absolute form, e.g. that an empty end keeps following new items. */
  hint?: string;
}

const btn = (active: boolean) => `rounded px-2 py-0.5 text-xs ${active ? 'bg-sky-700 text-white' : 'text-slate-300 hover:bg-slate-800 hover:text-white'}`;

export function TimeWindowPicker({ value, onChange, links, all = true, hint }: Props) {
  const [open, setOpen] = useState(false);
  const absolute = !value.range && Boolean(value.since || value.until);
  const ranges = links ? QUICK_RANGES.filter((r) => links[r] !== undefined) : QUICK_RANGES;
  const choice = (key: QuickRange | 'all', active: boolean, label: string, title: string) => {
    const href = links?.[key];
    if (href !== undefined) {
      return (
        <Link key={key} href={href} className={btn(active)} aria-current={active ? 'true' : undefined} title={title}>
          {label}
        </Link>
      );
    }
    const next: TimeWindow = { range: key === 'all' ? null : key, since: null, until: null };
    return (
      <button key={key} type="button" className={btn(active)} aria-pressed={active} title={title} onClick={() => onChange?.(next)}>
        {label}
      </button>
    );
  };
  return (
    <div className="relative flex items-center gap-0.5 rounded border border-slate-700 bg-slate-900 p-0.5" data-testid="time-range" role="group" aria-label="Time range">
      <span className="px-1 text-[11px] uppercase tracking-wide text-slate-500">Last</span>
      {ranges.map((r) => choice(r, value.range === r, LABELS[r], `The last ${LABELS[r]}`))}
      {all && choice('all', !value.range && !absolute, 'all', 'Everything retained')}
      {onChange && (
        <button type="button" className={btn(absolute)} aria-expanded={open} onClick={() => setOpen((o) => !o)} title="An absolute range, in UTC">
          {absolute ? `${value.since ? toUtcInput(value.since).replace('T', ' ') : '…'} → ${value.until ? toUtcInput(value.until).replace('T', ' ') : 'now'}` : 'custom…'}
        </button>
      )}
      {open && onChange && <AbsoluteForm value={value} needsOne={!all} hint={hint} onApply={(w) => (onChange(w), setOpen(false))} onCancel={() => setOpen(false)} />}
    </div>
  );
}

function AbsoluteForm({ value, needsOne, hint, onApply, onCancel }: { value: TimeWindow; needsOne: boolean; hint?: string; onApply: (w: TimeWindow) => void; onCancel: () => void }) {
  const [since, setSince] = useState(toUtcInput(value.since));
  const [until, setUntil] = useState(toUtcInput(value.until));
  useEffect(() => {
    setSince(toUtcInput(value.since));
    setUntil(toUtcInput(value.until));
  }, [value.since, value.until]);
  const field = 'rounded border border-slate-700 bg-slate-950 px-1 py-0.5 text-slate-100';
  return (
    <form
      className="absolute right-0 top-full z-30 mt-1 flex flex-col gap-2 rounded border border-slate-700 bg-slate-900 p-3 text-xs shadow-xl"
      onSubmit={(e) => {
        e.preventDefault();
        const w = { range: null, since: fromUtcInput(since), until: fromUtcInput(until) };
        // A view without "all" reads an empty window as its default range: nothing to apply.
        if (needsOne && !w.since && !w.until) return;
        onApply(w);
      }}
    >
      <label className="flex items-center justify-between gap-2">
        <span className="text-slate-400">From (UTC)</span>
        <input type="datetime-local" step={1} value={since} onChange={(e) => setSince(e.target.value)} className={field} aria-label="since (UTC)" />
      </label>
      <label className="flex items-center justify-between gap-2">
        <span className="text-slate-400">To (UTC)</span>
        <input type="datetime-local" step={1} value={until} onChange={(e) => setUntil(e.target.value)} className={field} aria-label="until (UTC)" />
      </label>
      {hint && <p className="text-slate-500">{hint}</p>}
      <div className="flex justify-end gap-2">
        <button type="button" className="rounded px-2 py-0.5 text-slate-300 hover:bg-slate-800" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="rounded bg-sky-700 px-2 py-0.5 text-white hover:bg-sky-600">
          Apply
        </button>
      </div>
    </form>
  );
}

'use client';

import { useState } from 'react';
import { QUICK_RANGES, type FlowsSearch, type QuickRange } from './search-params';

/**
 * Quick ranges (5m … 24h, relative to now when loaded) or an absolute since/until in UTC.
 * "All" means everything stored. Changing it reloads the rows from the store.
 */
type Range = Pick<FlowsSearch, 'range' | 'since' | 'until'>;

// datetime-local has no zone: we show and read UTC, and say so.
const toInput = (iso: string | null) => (iso ? iso.replace(/(\.\d+)?Z$/, '').slice(0, 19) : '');
const fromInput = (v: string) => (v ? `${v.length === 16 ? `${v}:00` : v}Z` : null);

export function TimeRangePicker({ value, onChange }: { value: Range; onChange: (r: Range) => void }) {
  const [custom, setCustom] = useState(value.since !== null || value.until !== null);
  const [since, setSince] = useState(toInput(value.since));
  const [until, setUntil] = useState(toInput(value.until));
  const btn = (active: boolean) =>
    `rounded px-2 py-0.5 text-xs ${active ? 'bg-sky-700 text-white' : 'text-slate-300 hover:bg-slate-800 hover:text-white'}`;
  const quick = (r: QuickRange | null) => {
    setCustom(false);
    onChange({ range: r, since: null, until: null });
  };
  const isAll = !value.range && !value.since && !value.until;
  return (
    <div className="flex flex-wrap items-center gap-1" data-testid="time-range" role="group" aria-label="Time range">
      <button type="button" className={btn(isAll && !custom)} onClick={() => quick(null)} title="Everything stored">
        All
      </button>
      {QUICK_RANGES.map((r) => (
        <button key={r} type="button" className={btn(value.range === r)} onClick={() => quick(r)} title={`The last ${r}`}>
          {r}
        </button>
      ))}
      <button type="button" className={btn(custom || (!value.range && !isAll))} onClick={() => setCustom(!custom)}>
        since/until…
      </button>
      {custom && (
        <form
          className="flex items-center gap-1 text-xs text-slate-400"
          onSubmit={(e) => {
            e.preventDefault();
            onChange({ range: null, since: fromInput(since), until: fromInput(until) });
          }}
        >
          <label className="flex items-center gap-1">
            since
            <input type="datetime-local" step={1} value={since} onChange={(e) => setSince(e.target.value)} className="rounded border border-slate-700 bg-slate-950 px-1 text-slate-100" aria-label="since (UTC)" />
          </label>
          <label className="flex items-center gap-1">
            until
            <input type="datetime-local" step={1} value={until} onChange={(e) => setUntil(e.target.value)} className="rounded border border-slate-700 bg-slate-950 px-1 text-slate-100" aria-label="until (UTC)" />
          </label>
          <span>UTC</span>
          <button type="submit" className="rounded bg-slate-700 px-2 py-0.5 text-slate-100 hover:bg-slate-600">
            apply
          </button>
        </form>
      )}
    </div>
  );
}

'use client';

import { useState } from 'react';
import { QUICK_RANGES, type MapSearch, type QuickRange } from './search-params';

/**
 * The window the map counts flows in: a quick range relative to now (the map keeps sliding with
 * time), or an absolute since/until in UTC. Same choices as /flows, so links carry over.
 */
type Range = Pick<MapSearch, 'range' | 'since' | 'until'>;

const toInput = (iso: string | null) => (iso ? iso.replace(/(\.\d+)?Z$/, '').slice(0, 19) : '');
const fromInput = (v: string) => (v ? `${v.length === 16 ? `${v}:00` : v}Z` : null);

export function MapTimeRange({ value, onChange }: { value: Range; onChange: (r: Range) => void }) {
  const [custom, setCustom] = useState(value.range === null);
  const [since, setSince] = useState(toInput(value.since));
  const [until, setUntil] = useState(toInput(value.until));
  const btn = (active: boolean) =>
    `rounded px-2 py-0.5 text-xs ${active ? 'bg-sky-700 text-white' : 'text-slate-300 hover:bg-slate-800 hover:text-white'}`;
  const quick = (r: QuickRange) => {
    setCustom(false);
    onChange({ range: r, since: null, until: null });
  };
  return (
    <div className="flex flex-wrap items-center gap-1" data-testid="time-range" role="group" aria-label="Time range">
      {QUICK_RANGES.map((r) => (
        <button key={r} type="button" className={btn(value.range === r)} onClick={() => quick(r)} title={`The last ${r}`} aria-pressed={value.range === r}>
          {r}
        </button>
      ))}
      <button type="button" className={btn(custom || value.range === null)} onClick={() => setCustom(!custom)}>
        since/until…
      </button>
      {custom && (
        <form
          className="flex items-center gap-1 text-xs text-slate-400"
          onSubmit={(e) => {
            e.preventDefault();
            const s = fromInput(since);
            const u = fromInput(until);
            if (s || u) onChange({ range: null, since: s, until: u });
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

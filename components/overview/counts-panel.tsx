export function CountsPanel({
  store,
  lost,
  live,
}: {
  store: { flows: number; events: number; eventsByKind: Record<string, number>; flowsByVerdict: Record<string, number>; bytes: number };
  lost: number;
  live: boolean;
}) {
  const rows = [
    ...Object.entries(store.eventsByKind).map(([k, n]) => [k, n] as const),
    ...Object.entries(store.flowsByVerdict).map(([k, n]) => [`flows ${k}`, n] as const),
  ];
  return (
    <section className="rounded border border-slate-800 bg-slate-900/60 p-3" data-testid="counts-panel">
      <h2 className="mb-2 flex items-center gap-2 text-sm font-semibold uppercase tracking-wide text-slate-400">
        Stored
        <span className={`rounded px-1.5 text-xs normal-case ${live ? 'bg-emerald-900 text-emerald-300' : 'bg-slate-700 text-slate-300'}`}>
          {live ? '● live' : 'offline'}
        </span>
      </h2>
      <div className="mb-2 flex gap-6 text-2xl tabular-nums">
        <div>
          <span data-testid="count-events">{store.events.toLocaleString()}</span> <span className="text-sm text-slate-400">events</span>
        </div>
        <div>
          <span data-testid="count-flows">{store.flows.toLocaleString()}</span> <span className="text-sm text-slate-400">flows</span>
        </div>
        <div className={lost > 0 ? 'text-amber-300' : 'text-slate-500'}>
          <span data-testid="count-lost">{lost.toLocaleString()}</span> <span className="text-sm">lost</span>
        </div>
      </div>
      <ul className="grid grid-cols-2 gap-x-4 text-sm text-slate-300">
        {rows.map(([k, n]) => (
          <li key={k} className="flex justify-between border-t border-slate-800">
            <span>{k}</span>
            <span className="tabular-nums">{n.toLocaleString()}</span>
          </li>
        ))}
      </ul>
      <p className="mt-2 text-xs text-slate-500">{(store.bytes / 1024 / 1024).toFixed(1)} MiB on disk</p>
    </section>
  );
}

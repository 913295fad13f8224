'use client';

/** Live tail state and control: following new events, paused, or not possible (the range has an end). */
export function LiveToggle({
  live,
  paused,
  openEnded,
  connected,
  lost,
  full,
  onToggle,
}: {
  live: boolean;
  paused: boolean;
  openEnded: boolean;
  connected: boolean;
  lost: number;
  full: boolean;
  onToggle(): void;
}) {
  if (!openEnded) {
    return (
      <span className="rounded border border-slate-800 px-2 py-0.5 text-xs text-slate-500" title="The time range has an end: no new event can fall in it">
        ◼ history
      </span>
    );
  }
  return (
    <span className="flex items-center gap-2">
      <button
        type="button"
        onClick={onToggle}
        data-testid="live-toggle"
        aria-pressed={!paused}
        title={paused ? 'Resume the live tail (p)' : 'Pause the live tail (p)'}
        className={`rounded border px-2 py-0.5 text-xs ${
          paused ? 'border-amber-600 text-amber-300 hover:bg-amber-950' : 'border-emerald-700 text-emerald-300 hover:bg-emerald-950'
        }`}
      >
        {paused ? '❚❚ paused — resume' : live && connected ? '● live' : '○ connecting…'}
      </button>
      {full && <span className="text-xs text-amber-300">live tail stopped: 100,000 rows loaded — narrow the filter</span>}
      {lost > 0 && (
        <span className="text-xs text-red-300" title="Events the server could not send to this tab in time, or that agents reported lost" data-testid="events-lost">
          {lost.toLocaleString()} lost
        </span>
      )}
    </span>
  );
}

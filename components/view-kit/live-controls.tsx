/**
 * Live tail status and pause/resume, the same in every list view. Paused (or scrolled away from
 * the top, which the view handles), new rows are counted ("N new"), not shown. A window with an
 * end has no live tail: nothing new can fall inside it.
 */
export function LiveControls({
  enabled,
  connected,
  paused,
  pending,
  noun,
  onPause,
  onResume,
  lost = 0,
  full = false,
}: {
  enabled: boolean;
  connected: boolean;
  paused: boolean;
  pending: number;
  /** What the rows are ("flows", "events"), for the tooltips. */
  noun: string;
  onPause: () => void;
  onResume: () => void;
  /** Items the server could not send in time, or that agents reported lost. */
  lost?: number;
  /** The view holds as many rows as it will: the tail stopped. */
  full?: boolean;
}) {
  if (!enabled) {
    return (
      <span className="text-xs text-slate-500" data-testid="live-status" title={`The time range has an end, so no new ${noun.replace(/s$/, '')} can fall inside it`}>
        ○ live tail off (time range has an end)
      </span>
    );
  }
  return (
    <span className="flex items-center gap-2 text-xs">
      {paused ? (
        <span className="text-amber-300" data-testid="live-status">
          ❚❚ paused{pending > 0 ? ` · ${pending.toLocaleString('en-US')} new` : ''}
        </span>
      ) : connected ? (
        <span className="text-emerald-300" data-testid="live-status">
          ● live
        </span>
      ) : (
        <span className="text-slate-400" data-testid="live-status">
          ◌ connecting…
        </span>
      )}
      <button
        type="button"
        onClick={paused ? onResume : onPause}
        className={`rounded px-2 py-0.5 font-medium ${paused ? 'bg-emerald-700 text-white hover:bg-emerald-600' : 'bg-slate-700 text-slate-100 hover:bg-slate-600'}`}
        data-testid="pause-button"
        aria-pressed={paused}
        title={paused ? 'Resume the live tail (p)' : `Pause the live tail: new ${noun} are counted, not shown (p)`}
      >
        {paused ? '▶ resume' : '❚❚ pause'}
      </button>
      {full && <span className="text-amber-300">live tail stopped: 100,000 rows loaded — narrow the filter</span>}
      {lost > 0 && (
        <span className="text-red-300" title={`${noun[0]!.toUpperCase()}${noun.slice(1)} the server could not send to this tab in time, or that agents reported lost`} data-testid="events-lost">
          {lost.toLocaleString()} lost
        </span>
      )}
    </span>
  );
}

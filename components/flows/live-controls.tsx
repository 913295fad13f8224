/** Live tail status and pause/resume. Paused, new flows are counted ("N new"), not shown. */
export function LiveControls({
  enabled,
  connected,
  paused,
  pending,
  onPause,
  onResume,
}: {
  enabled: boolean;
  connected: boolean;
  paused: boolean;
  pending: number;
  onPause: () => void;
  onResume: () => void;
}) {
  if (!enabled) {
    return (
      <span className="text-xs text-slate-500" data-testid="live-status" title="The time range has an end, so no new flow can fall inside it">
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
        title={paused ? 'Resume the live tail (p)' : 'Pause the live tail: new flows are counted, not shown (p)'}
      >
        {paused ? '▶ resume' : '❚❚ pause'}
      </button>
    </span>
  );
}

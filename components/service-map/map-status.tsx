import type { ServiceMap } from '@/lib/domain/service-map/service-map';
import { plural } from './svg-text';
import type { MapWindow } from './use-service-map';

/** One line under the toolbar: what is drawn, for which window, how fresh, and any trouble. */
export interface MapStatusProps {
  map: ServiceMap | null;
  window: MapWindow | null;
  live: boolean;
  loading: boolean;
  refreshedAt: number | null;
  layoutMs: number | null;
  error: string | null;
  onRetry: () => void;
}

const today = () => new Date().toISOString().slice(0, 10);
/** Times of today as HH:MM:SS; older ones with their date, so a fixed window reads right. */
const when = (iso: string) => (iso.slice(0, 10) === today() ? iso.slice(11, 19) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`);

export function MapStatus({ map, window: w, live, loading, refreshedAt, layoutMs, error, onRetry }: MapStatusProps) {
  const workloads = map?.nodes.filter((n) => n.kind === 'workload').length ?? 0;
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-400" data-testid="map-status">
      {map && (
        <span data-testid="map-counts">
          {plural(workloads, 'workload')} · {plural(map.islands.length, 'namespace')} · {plural(map.edges.length, 'edge')} ·{' '}
          {plural(w?.flows ?? 0, 'flow')}
        </span>
      )}
      {w && (
        <span title={`${w.since} → ${w.until}`}>
          {when(w.since)} – {when(w.until)} UTC
        </span>
      )}
      {live ? (
        <span className="text-emerald-400" title="The map refreshes every 5 seconds">
          ● live
        </span>
      ) : (
        <span>fixed window</span>
      )}
      {loading && <span className="text-sky-300">loading…</span>}
      {refreshedAt !== null && !loading && <span>updated {new Date(refreshedAt).toISOString().slice(11, 19)}</span>}
      {layoutMs !== null && <span className="text-slate-600">layout {Math.round(layoutMs)} ms</span>}
      {w?.truncated && (
        <span className="text-amber-300" data-testid="map-truncated">
          too many distinct connections: the quietest are left out — narrow the filter or the time range
        </span>
      )}
      {error && (
        <span className="text-red-300" role="alert" data-testid="map-error">
          {error}{' '}
          <button type="button" onClick={onRetry} className="rounded bg-slate-800 px-1.5 text-slate-200 hover:bg-slate-700">
            retry
          </button>
        </span>
      )}
    </div>
  );
}

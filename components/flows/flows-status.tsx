import type { FlowSort } from '@/lib/domain/flow-list/flow-sort';
import type { FlowWindowSnapshot } from '@/lib/domain/flow-list/flow-window';
import { FLOW_COLUMN_SPECS } from './flow-columns';
import { count } from './format';
import { MAX_ROWS } from './use-flow-rows';

/** One line saying what the table holds, and anything that was left out of it and why. */
export function FlowsStatus({ snapshot, lost, sort, onReload }: { snapshot: FlowWindowSnapshot; lost: number; sort: FlowSort; onReload: () => void }) {
  const parts: React.ReactNode[] = [];
  parts.push(<span key="n" data-testid="row-count">{count(snapshot.rows.length, 'flow')} loaded</span>);
  if (sort.column !== 'time') {
    parts.push(<span key="s">sorted by {FLOW_COLUMN_SPECS[sort.column].header.toLowerCase()} within the loaded rows</span>);
  }
  if (snapshot.droppedOlder > 0) {
    parts.push(
      <span key="o" className="text-amber-300" data-testid="dropped-older">
        {count(snapshot.droppedOlder, 'older flow')} dropped from view to stay under {MAX_ROWS.toLocaleString('en-US')} rows — scroll down to load them again, or narrow the filter
      </span>,
    );
  }
  if (snapshot.droppedNewer > 0) {
    parts.push(
      <span key="w" className="text-amber-300">
        {count(snapshot.droppedNewer, 'newer flow')} dropped from view while reading history —{' '}
        <button type="button" className="underline hover:text-white" onClick={onReload}>
          jump to newest
        </button>
      </span>,
    );
  }
  if (lost > 0) {
    parts.push(
      <span key="l" className="text-red-300" data-testid="live-lost" title="The server dropped live flows this tab could not take fast enough; they are stored — reload to see them">
        {count(lost, 'live flow')} lost on the way to this tab (still stored)
      </span>,
    );
  }
  return (
    <div className="flex flex-wrap gap-x-3 text-xs text-slate-400" data-testid="flows-status">
      {parts.map((p, i) => (
        <span key={i} className="flex gap-3">
          {i > 0 && <span className="text-slate-700">·</span>}
          {p}
        </span>
      ))}
    </div>
  );
}

import Link from 'next/link';
import { InertText } from '@/components/inert-text';
import { compactFlow } from '@/lib/domain/compact-line';
import type { FlowSummary } from '@/lib/domain/records';
import { clockTime, latencyText } from '../format';

/**
 * The flows just before and after this one between the same two endpoints (either direction),
 * in time order, with this flow marked: the handshake, the request, the reply, retries.
 */
function Line({ f, current }: { f: FlowSummary; current: boolean }) {
  const dropped = f.verdict === 'DROPPED';
  const tone = current ? 'bg-sky-900/60 text-white' : dropped ? 'bg-red-950/50 text-red-100' : 'text-slate-200 hover:bg-slate-800/60';
  return (
    <li className={`flex gap-3 px-2 py-0.5 ${tone}`} data-testid={current ? 'neighbor-current' : 'neighbor'}>
      <span className="shrink-0 text-slate-400" title={f.time}>
        {clockTime(f.time)}
      </span>
      <span className="w-24 shrink-0 text-slate-400">{f.node}</span>
      {current ? (
        <span className="min-w-0 flex-1 truncate">
          ▶ <InertText value={compactFlow(f)} max={200} />
        </span>
      ) : (
        <Link href={`/flows/${encodeURIComponent(f.id)}`} className="min-w-0 flex-1 truncate hover:underline">
          <InertText value={compactFlow(f)} max={200} />
        </Link>
      )}
      <span className="shrink-0 text-slate-500">{f.tcpFlags.join(',') || latencyText(f.latencyNs)}</span>
    </li>
  );
}

export function NeighborFlows({ before, current, after }: { before: FlowSummary[]; current: FlowSummary; after: FlowSummary[] }) {
  return (
    <section className="rounded border border-slate-800 bg-slate-900/50 p-2" data-testid="neighbor-flows">
      <h3 className="mb-1 text-[11px] font-semibold uppercase tracking-wide text-slate-400">
        Between the same endpoints: {before.length} before, {after.length} after
      </h3>
      {before.length + after.length === 0 ? (
        <p className="text-xs text-slate-500">No other stored flow between these two endpoints.</p>
      ) : (
        <ol className="font-mono text-xs">
          {[...before].reverse().map((f) => (
            <Line key={f.id} f={f} current={false} />
          ))}
          <Line f={current} current />
          {after.map((f) => (
            <Line key={f.id} f={f} current={false} />
          ))}
        </ol>
      )}
    </section>
  );
}

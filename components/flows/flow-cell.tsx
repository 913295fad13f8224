'use client';

import { FilterableValue } from '@/components/filter-bar/filter-actions';
import type { FlowSummary } from '@/lib/domain/records';
import { endpointFilter, endpointLabel } from './format';

/** The flows table's cells that are more than one value (their specs are in flow-columns.tsx). */
export function Endpoint({ f, side }: { f: FlowSummary; side: 'from' | 'to' }) {
  const ep = side === 'from' ? f.source : f.destination;
  const filter = endpointFilter(ep);
  if (!filter) return <Dim text="—" />;
  return <FilterableValue kind={filter.kind} value={filter.value} display={endpointLabel(ep)} direction={side} />;
}

export const Dim = ({ text }: { text: string }) => <span className="text-slate-600">{text}</span>;

export function Verdict({ f }: { f: FlowSummary }) {
  const color = f.verdict === 'DROPPED' ? 'text-red-300 font-semibold' : f.verdict === 'FORWARDED' ? 'text-emerald-300' : 'text-amber-300';
  return (
    <span className="flex min-w-0 items-center gap-1">
      <FilterableValue kind="verdict" value={f.verdict} className={color} />
      {f.dropReason && <FilterableValue kind="drop-reason" value={f.dropReason} className="text-red-400" />}
    </span>
  );
}

export function statusColor(code: number): string {
  if (code >= 500) return 'text-red-300';
  if (code >= 400) return 'text-amber-300';
  return 'text-emerald-300';
}

'use client';

import { memo } from 'react';
import { FilterableValue } from '@/components/filter-bar/filter-actions';
import { InertText } from '@/components/inert-text';
import type { FlowColumnId } from '@/lib/domain/flow-list/flow-sort';
import type { FlowSummary } from '@/lib/domain/records';
import { clockTime, endpointFilter, endpointLabel, latencyText } from './format';

/**
 * One cell of the flows table. Memoised on the flow object (rows are immutable), so a live batch
 * re-renders only the rows that are new on screen, not every visible cell.
 */
function Endpoint({ f, side }: { f: FlowSummary; side: 'from' | 'to' }) {
  const ep = side === 'from' ? f.source : f.destination;
  const filter = endpointFilter(ep);
  if (!filter) return <span className="text-slate-600">—</span>;
  return <FilterableValue kind={filter.kind} value={filter.value} display={endpointLabel(ep)} direction={side} />;
}

const dim = (text: string) => <span className="text-slate-600">{text}</span>;

function Verdict({ f }: { f: FlowSummary }) {
  const color = f.verdict === 'DROPPED' ? 'text-red-300 font-semibold' : f.verdict === 'FORWARDED' ? 'text-emerald-300' : 'text-amber-300';
  return (
    <span className="flex min-w-0 items-center gap-1">
      <FilterableValue kind="verdict" value={f.verdict} className={color} />
      {f.dropReason && <FilterableValue kind="drop-reason" value={f.dropReason} className="text-red-400" />}
    </span>
  );
}

function statusColor(code: number): string {
  if (code >= 500) return 'text-red-300';
  if (code >= 400) return 'text-amber-300';
  return 'text-emerald-300';
}

function cell(column: FlowColumnId, f: FlowSummary) {
  switch (column) {
    case 'time':
      return <span title={f.time} className="text-slate-400">{clockTime(f.time)}</span>;
    case 'verdict':
      return <Verdict f={f} />;
    case 'src-pod':
      return <Endpoint f={f} side="from" />;
    case 'dst-pod':
      return <Endpoint f={f} side="to" />;
    case 'src-ns':
      return <FilterableValue kind="namespace" direction="from" value={f.source.namespace} />;
    case 'dst-ns':
      return <FilterableValue kind="namespace" direction="to" value={f.destination.namespace} />;
    case 'src-workload':
      return <FilterableValue kind="workload" direction="from" value={f.source.workload} />;
    case 'dst-workload':
      return <FilterableValue kind="workload" direction="to" value={f.destination.workload} />;
    case 'src-identity':
      return f.source.identity ? <FilterableValue kind="identity" direction="from" value={String(f.source.identity)} /> : dim('—');
    case 'dst-identity':
      return f.destination.identity ? <FilterableValue kind="identity" direction="to" value={String(f.destination.identity)} /> : dim('—');
    case 'src-ip':
      return <FilterableValue kind="ip" direction="from" value={f.source.ip} />;
    case 'dst-ip':
      return <FilterableValue kind="ip" direction="to" value={f.destination.ip} />;
    case 'src-port':
      return f.source.port ? <FilterableValue kind="port" direction="from" value={String(f.source.port)} /> : dim('—');
    case 'dst-port':
      return f.destination.port ? <FilterableValue kind="port" direction="to" value={String(f.destination.port)} /> : dim('—');
    case 'protocol':
      return <FilterableValue kind="protocol" value={f.protocol} />;
    case 'type':
      return <FilterableValue kind="type" value={f.type} />;
    case 'http-method':
      return <FilterableValue kind="http-method" value={f.httpMethod} />;
    case 'http-path':
      return f.httpMethod ? <FilterableValue kind="http-path" value={f.httpPath} max={120} /> : null;
    case 'http-status':
      return f.httpCode ? <FilterableValue kind="http-status" value={String(f.httpCode)} className={statusColor(f.httpCode)} /> : null;
    case 'latency':
      return <span className="text-slate-300">{latencyText(f.latencyNs)}</span>;
    case 'dns':
      return <FilterableValue kind="dns" value={f.dnsQuery} />;
    case 'direction':
      return <FilterableValue kind="direction" value={f.direction === 'TRAFFIC_DIRECTION_UNKNOWN' ? '' : f.direction} />;
    case 'reply':
      return f.isReply === null ? null : (
        <FilterableValue kind="reply" value={String(f.isReply)} display={f.isReply ? 'reply' : 'request'} />
      );
    case 'tcp-flags':
      return (
        <span className="flex gap-1">
          {f.tcpFlags.map((flag) => (
            <FilterableValue key={flag} kind="tcp-flag" value={flag} className="text-slate-300" />
          ))}
        </span>
      );
    case 'node':
      return <FilterableValue kind="node" value={f.node} />;
    case 'summary':
      return <InertText value={f.summary} max={160} />;
  }
}

export const FlowCell = memo(function FlowCell({ column, flow }: { column: FlowColumnId; flow: FlowSummary }) {
  return <>{cell(column, flow)}</>;
});

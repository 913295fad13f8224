import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import { memo, type ReactNode } from 'react';
import { FilterableValue } from '@/components/filter-bar/filter-actions';
import { InertText } from '@/components/inert-text';
import type { LiveTableProps } from '@/components/view-kit/live-table';
import { FLOW_COLUMN_IDS, type FlowColumnId } from '@/lib/domain/flow-list/flow-sort';
import type { FlowRow } from '@/lib/domain/flow-list/flow-window';
import type { FlowKind } from '@/lib/domain/query/kinds';
import type { FlowEndpointSummary, FlowSummary } from '@/lib/domain/records';
import { Dim, Endpoint, statusColor, Verdict } from './flow-cell';
import { clockTime, latencyText } from './format';

/**
 * The flows table, declared once: for each column its header, its group in the column chooser,
 * its default width and its cell. A column id that lacks a spec (or a spec without an id) is a
 * type error, so the chooser, the sort and the table cannot drift apart. Sorting is manual
 * (flow-window.ts sorts the rows the browser holds), so no accessor is needed.
 */
export interface FlowColumnSpec {
  header: string;
  group: string;
  size: number;
  cell: (f: FlowSummary) => ReactNode;
}

type Side = 'src' | 'dst';
const endpoint = (f: FlowSummary, side: Side): FlowEndpointSummary => (side === 'src' ? f.source : f.destination);
const direction = (side: Side) => (side === 'src' ? 'from' : 'to');

/** A source or destination field as a filterable value; `optional` fields show "—" when unset (0). */
function endpointField(side: Side, header: string, size: number, kind: FlowKind, value: (ep: FlowEndpointSummary) => string | number, optional = false): FlowColumnSpec {
  return {
    header,
    group: side === 'src' ? 'Source' : 'Destination',
    size,
    cell: (f) => {
      const v = value(endpoint(f, side));
      return optional && !v ? <Dim text="—" /> : <FilterableValue kind={kind} direction={direction(side)} value={String(v)} />;
    },
  };
}

/** The five per-side columns (namespace, workload, identity, IP, port), for one side. */
function endpointColumns(side: Side, prefix: string, portHeader: string) {
  return {
    [`${side}-ns`]: endpointField(side, `${prefix} namespace`, 120, 'namespace', (ep) => ep.namespace),
    [`${side}-workload`]: endpointField(side, `${prefix} workload`, 130, 'workload', (ep) => ep.workload),
    [`${side}-identity`]: endpointField(side, `${prefix} identity`, 96, 'identity', (ep) => ep.identity, true),
    [`${side}-ip`]: endpointField(side, `${prefix} IP`, 120, 'ip', (ep) => ep.ip),
    [`${side}-port`]: endpointField(side, portHeader, side === 'src' ? 80 : 64, 'port', (ep) => ep.port, true),
  } as Record<`${Side}-${'ns' | 'workload' | 'identity' | 'ip' | 'port'}`, FlowColumnSpec>;
}

const plain = (kind: FlowKind, value: (f: FlowSummary) => string) => (f: FlowSummary) => <FilterableValue kind={kind} value={value(f)} />;

export const FLOW_COLUMN_SPECS: Record<FlowColumnId, FlowColumnSpec> = {
  time: { header: 'Time (UTC)', group: 'Flow', size: 104, cell: (f) => <span title={f.time} className="text-slate-400">{clockTime(f.time)}</span> },
  verdict: { header: 'Verdict', group: 'Flow', size: 190, cell: (f) => <Verdict f={f} /> },
  'src-pod': { header: 'Source', group: 'Source', size: 220, cell: (f) => <Endpoint f={f} side="from" /> },
  'dst-pod': { header: 'Destination', group: 'Destination', size: 250, cell: (f) => <Endpoint f={f} side="to" /> },
  ...endpointColumns('src', 'Src', 'Src port'),
  ...endpointColumns('dst', 'Dst', 'Port'),
  protocol: { header: 'Proto', group: 'L4', size: 64, cell: plain('protocol', (f) => f.protocol) },
  type: { header: 'Type', group: 'Flow', size: 64, cell: plain('type', (f) => f.type) },
  'http-method': { header: 'Method', group: 'L7', size: 70, cell: plain('http-method', (f) => f.httpMethod) },
  'http-path': { header: 'Path', group: 'L7', size: 180, cell: (f) => (f.httpMethod ? <FilterableValue kind="http-path" value={f.httpPath} max={120} /> : null) },
  'http-status': {
    header: 'Status',
    group: 'L7',
    size: 64,
    cell: (f) => (f.httpCode ? <FilterableValue kind="http-status" value={String(f.httpCode)} className={statusColor(f.httpCode)} /> : null),
  },
  latency: { header: 'Latency', group: 'L7', size: 84, cell: (f) => <span className="text-slate-300">{latencyText(f.latencyNs)}</span> },
  dns: { header: 'DNS query', group: 'L7', size: 200, cell: plain('dns', (f) => f.dnsQuery) },
  direction: { header: 'Direction', group: 'Flow', size: 84, cell: plain('direction', (f) => (f.direction === 'TRAFFIC_DIRECTION_UNKNOWN' ? '' : f.direction)) },
  reply: {
    header: 'Reply',
    group: 'Flow',
    size: 70,
    cell: (f) => (f.isReply === null ? null : <FilterableValue kind="reply" value={String(f.isReply)} display={f.isReply ? 'reply' : 'request'} />),
  },
  'tcp-flags': {
    header: 'TCP flags',
    group: 'L4',
    size: 110,
    cell: (f) => (
      <span className="flex gap-1">
        {f.tcpFlags.map((flag) => (
          <FilterableValue key={flag} kind="tcp-flag" value={flag} className="text-slate-300" />
        ))}
      </span>
    ),
  },
  node: { header: 'Node', group: 'Flow', size: 120, cell: plain('node', (f) => f.node) },
  summary: { header: 'Summary', group: 'Flow', size: 260, cell: (f) => <InertText value={f.summary} max={160} /> },
};

/**
 * One cell, memoised on the flow object (rows are immutable), so a live batch re-renders only the
 * rows that are new on screen, not every visible cell.
 */
const FlowCell = memo(function FlowCell({ column, flow }: { column: FlowColumnId; flow: FlowSummary }) {
  return <>{FLOW_COLUMN_SPECS[column].cell(flow)}</>;
});

const helper = createColumnHelper<FlowSummary>();

const FLOW_COLUMNS: ColumnDef<FlowSummary, unknown>[] = FLOW_COLUMN_IDS.map((id) =>
  helper.display({
    id,
    header: FLOW_COLUMN_SPECS[id].header,
    size: FLOW_COLUMN_SPECS[id].size,
    minSize: 48,
    maxSize: 900,
    enableSorting: true,
    cell: (ctx) => <FlowCell column={id} flow={ctx.row.original} />,
  }),
);

/** The flows table for the view kit's LiveTable: columns, and how a row is marked. */
export const FLOW_TABLE = {
  columns: FLOW_COLUMNS,
  rowData: (f: FlowSummary) => ({ 'data-flow-id': f.id, 'data-verdict': f.verdict }),
  isAlarm: (f: FlowSummary) => f.verdict === 'DROPPED',
  lossOf: (f: FlowRow) => f.loss,
  testId: 'flows-table',
  rowTestId: 'flow-row',
  label: 'Flows. Arrow keys select, Enter opens.',
} satisfies Partial<LiveTableProps<FlowSummary>>;

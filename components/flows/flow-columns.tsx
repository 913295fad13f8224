import { createColumnHelper, type ColumnDef } from '@tanstack/react-table';
import { FLOW_COLUMN_IDS, type FlowColumnId } from '@/lib/domain/flow-list/flow-sort';
import type { FlowSummary } from '@/lib/domain/records';
import { FlowCell } from './flow-cell';

/**
 * The flows table's columns for TanStack Table: header, default width, and the memoised cell.
 * Sorting is manual (flow-window.ts sorts the rows the browser holds), so no accessor is needed.
 */
export const FLOW_COLUMN_LABELS: Record<FlowColumnId, { header: string; group: string; size: number }> = {
  time: { header: 'Time (UTC)', group: 'Flow', size: 104 },
  verdict: { header: 'Verdict', group: 'Flow', size: 190 },
  'src-pod': { header: 'Source', group: 'Source', size: 220 },
  'src-ns': { header: 'Src namespace', group: 'Source', size: 120 },
  'src-workload': { header: 'Src workload', group: 'Source', size: 130 },
  'src-identity': { header: 'Src identity', group: 'Source', size: 96 },
  'src-ip': { header: 'Src IP', group: 'Source', size: 120 },
  'src-port': { header: 'Src port', group: 'Source', size: 80 },
  'dst-pod': { header: 'Destination', group: 'Destination', size: 250 },
  'dst-ns': { header: 'Dst namespace', group: 'Destination', size: 120 },
  'dst-workload': { header: 'Dst workload', group: 'Destination', size: 130 },
  'dst-identity': { header: 'Dst identity', group: 'Destination', size: 96 },
  'dst-ip': { header: 'Dst IP', group: 'Destination', size: 120 },
  'dst-port': { header: 'Port', group: 'Destination', size: 64 },
  protocol: { header: 'Proto', group: 'L4', size: 64 },
  type: { header: 'Type', group: 'Flow', size: 64 },
  'http-method': { header: 'Method', group: 'L7', size: 70 },
  'http-path': { header: 'Path', group: 'L7', size: 180 },
  'http-status': { header: 'Status', group: 'L7', size: 64 },
  latency: { header: 'Latency', group: 'L7', size: 84 },
  dns: { header: 'DNS query', group: 'L7', size: 200 },
  direction: { header: 'Direction', group: 'Flow', size: 84 },
  reply: { header: 'Reply', group: 'Flow', size: 70 },
  'tcp-flags': { header: 'TCP flags', group: 'L4', size: 110 },
  node: { header: 'Node', group: 'Flow', size: 120 },
  summary: { header: 'Summary', group: 'Flow', size: 260 },
};

const helper = createColumnHelper<FlowSummary>();

export const FLOW_COLUMNS: ColumnDef<FlowSummary, unknown>[] = FLOW_COLUMN_IDS.map((id) =>
  helper.display({
    id,
    header: FLOW_COLUMN_LABELS[id].header,
    size: FLOW_COLUMN_LABELS[id].size,
    minSize: 48,
    maxSize: 900,
    enableSorting: true,
    cell: (ctx) => <FlowCell column={id} flow={ctx.row.original} />,
  }),
);

'use client';

import type { ColumnDef } from '@tanstack/react-table';
import Link from 'next/link';
import { FilterableValue } from '@/components/filter-bar/filter-actions';
import { InertText } from '@/components/inert-text';
import { TimelineIcon } from '@/components/timeline/timeline-icon';
import { eventHref, podTimelineHref } from '@/lib/domain/process-context/process-link';
import type { EventRow } from './event-row';
import { CompactIcon } from '@/components/events/compact-icon';
import type { LiveTableProps } from '@/components/view-kit/live-table';
import { clockTime } from '@/components/flows/format';

/** The column that takes the width left over (the arguments are the longest text). */
export const GROWING_COLUMN = 'args';

/**
 * The process-event table's columns: time, node, namespace/pod, event (tetra compact icon and
 * verb), binary, arguments, what the kind adds (4-tuple, path, signal) and the parent binary.
 * Values that make sense as filters get +/− buttons (FilterableValue); every string is inert.
 */
export const EVENT_VERB_TONE: Record<string, string> = {
  process: 'text-sky-300',
  exit: 'text-slate-300',
  connect: 'text-violet-300',
  close: 'text-slate-400',
  sendmsg: 'text-violet-300',
  read: 'text-amber-300',
  write: 'text-orange-300',
  truncate: 'text-orange-300',
  unlink: 'text-orange-300',
  open: 'text-amber-200',
  setuid: 'text-rose-300',
  LSM: 'text-rose-300',
  uprobe: 'text-cyan-300',
  usdt: 'text-cyan-300',
  load: 'text-teal-300',
  throttle: 'text-amber-300',
  resume: 'text-emerald-300',
  lost: 'font-semibold text-red-300',
};

export const EVENT_COLUMNS: ColumnDef<EventRow>[] = [
  {
    id: 'time',
    header: 'Time (UTC)',
    size: 104,
    cell: ({ row }) => (
      <Link href={eventHref(row.original.id)} className="text-slate-400 hover:text-sky-300 hover:underline" title={row.original.time} prefetch={false} tabIndex={-1}>
        {clockTime(row.original.time)}
      </Link>
    ),
  },
  {
    id: 'node',
    header: 'Node',
    size: 110,
    cell: ({ row }) => <FilterableValue kind="node" value={row.original.node} max={40} className="text-slate-400" />,
  },
  {
    id: 'pod',
    header: 'Namespace / pod',
    size: 290,
    cell: ({ row }) => {
      const e = row.original;
      // A throttle names a cgroup, not a process: it is neither a pod's nor the host's.
      if (!e.pod) return <span className="italic text-slate-500">{e.kind === 'process_throttle' ? 'cgroup' : 'host'}</span>;
      return (
        <span className="flex min-w-0 items-center gap-1">
          <FilterableValue kind="pod" value={`${e.namespace}/${e.pod}`} max={60} className="min-w-0 text-slate-200" />
          <Link
            href={podTimelineHref({ namespace: e.namespace, name: e.pod }, e.execId || undefined)}
            className="shrink-0 rounded px-1 text-slate-500 hover:bg-slate-700 hover:text-sky-300"
            title="Open this process in the pod's ancestry timeline"
            aria-label={`timeline of ${e.namespace}/${e.pod}`}
            data-testid="pod-timeline-link"
            prefetch={false}
            tabIndex={-1}
            onClick={(ev) => ev.stopPropagation()}
          >
            <TimelineIcon />
          </Link>
        </span>
      );
    },
  },
  {
    id: 'event',
    header: 'Event',
    size: 92,
    cell: ({ row }) => (
      <span className={`flex items-center gap-1.5 ${EVENT_VERB_TONE[row.original.verb] ?? 'text-slate-300'}`} title={row.original.kind}>
        <CompactIcon icon={row.original.icon} />
        {row.original.verb}
      </span>
    ),
  },
  {
    id: 'binary',
    header: 'Binary',
    size: 170,
    cell: ({ row }) => <FilterableValue kind="binary" value={row.original.binary} max={80} className="text-slate-100" />,
  },
  {
    id: 'args',
    header: 'Arguments',
    size: 240,
    cell: ({ row }) => <InertText value={row.original.args} max={160} className="block truncate text-slate-300" />,
  },
  {
    id: 'detail',
    header: 'Detail',
    size: 200,
    cell: ({ row }) => {
      const e = row.original;
      const tone = e.signal === 'SIGKILL' ? 'font-semibold text-red-400' : e.signal || (e.status ?? 0) > 0 ? 'text-orange-300' : 'text-slate-300';
      return <InertText value={e.detail} max={100} className={`block truncate ${tone}`} />;
    },
  },
  {
    id: 'parent',
    header: 'Parent binary',
    size: 160,
    cell: ({ row }) => <FilterableValue kind="parent-binary" value={row.original.parentBinary} max={80} className="text-slate-400" />,
  },
];

/** The process-event table for the view kit's LiveTable: columns, and how a row is marked. */
export const EVENT_TABLE = {
  columns: EVENT_COLUMNS,
  growColumn: GROWING_COLUMN,
  clickOpens: true,
  rowData: (e: EventRow) => ({ 'data-event-id': e.id, 'data-kind': e.kind }),
  isAlarm: (e: EventRow) => e.signal === 'SIGKILL',
  lossOf: (e: EventRow) => e.loss,
  testId: 'events-table',
  rowTestId: 'event-row',
  label: 'Process events, newest first. Arrow keys select, Enter opens.',
} satisfies Partial<LiveTableProps<EventRow>>;

import { CompactIcon } from '@/components/events/compact-icon';
import { InertText } from '@/components/inert-text';
import type { LossLine } from '@/lib/domain/loss-line';

/**
 * A table row that marks a gap: the agent (rate_limit_info), Hubble (lost_events) or Relay
 * (node_status) said events are missing at this point of the list. It spans the whole width, so
 * it cannot be mistaken for an event, and it says how many.
 */
export function LossGapRow({ loss, time, height, start, index, onOpen }: { loss: LossLine; time: string; height: number; start: number; index: number; onOpen?: () => void }) {
  return (
    <div
      role="row"
      aria-rowindex={index + 1}
      data-testid="loss-gap-row"
      data-loss-kind={loss.kind}
      data-count={loss.count ?? ''}
      className="absolute left-0 flex w-full cursor-default items-center gap-2 border-y border-dashed border-red-500/70 bg-red-950/40 px-2 text-red-200"
      style={{ height, transform: `translateY(${start}px)` }}
      onClick={onOpen}
    >
      <span role="gridcell" className="flex shrink-0 items-center gap-1 font-semibold">
        <CompactIcon icon="⚠️" />
        {loss.kind === 'node_status' ? 'node status' : loss.count === null ? 'events lost' : `${loss.count.toLocaleString('en-US')} lost`}
      </span>
      <span role="gridcell" className="min-w-0 truncate">
        <InertText value={loss.text} max={200} />
      </span>
      <span role="gridcell" className="ml-auto shrink-0 text-red-300/70">
        {time}
      </span>
    </div>
  );
}

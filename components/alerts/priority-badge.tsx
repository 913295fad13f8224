import type { Priority } from '@/lib/domain/rules';
import { PRIORITY_COLOR, PRIORITY_LABEL } from './priority-style';

export function PriorityBadge({ priority }: { priority: Priority }) {
  const color = PRIORITY_COLOR[priority];
  return (
    <span
      className="inline-block w-20 shrink-0 rounded px-1.5 py-0.5 text-center text-[11px] font-semibold uppercase tracking-wide"
      style={{ color, backgroundColor: `${color}26`, boxShadow: `inset 0 0 0 1px ${color}66` }}
      data-testid="priority-badge"
    >
      {PRIORITY_LABEL[priority]}
    </span>
  );
}

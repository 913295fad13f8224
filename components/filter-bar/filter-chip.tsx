import { InertText } from '@/components/inert-text';
import { formatChip, type ChipSegment } from '@/lib/domain/query/chips';

/** One term of the filter as a chip: click `!` to negate, × to remove. Invalid terms stay red with their message. */
export function FilterChip({
  segment,
  onToggleNegate,
  onRemove,
}: {
  segment: ChipSegment;
  onToggleNegate: () => void;
  onRemove: () => void;
}) {
  if (!segment.ok) {
    return (
      <span
        className="inline-flex items-center gap-1 rounded border border-red-500 bg-red-950/60 px-1.5 py-0.5 font-mono text-xs text-red-200"
        title={segment.message}
        data-testid="filter-chip-invalid"
      >
        <InertText value={segment.text} max={60} />
        <RemoveButton onRemove={onRemove} label={segment.text} />
      </span>
    );
  }
  const { chip } = segment;
  const text = formatChip({ ...chip, negate: false });
  return (
    <span
      className={`inline-flex items-center gap-0.5 rounded border px-1 py-0.5 font-mono text-xs ${
        chip.negate ? 'border-rose-500/70 bg-rose-950/50 text-rose-100' : 'border-sky-600/70 bg-sky-950/60 text-sky-100'
      }`}
      data-testid="filter-chip"
      data-negated={chip.negate ? 'true' : undefined}
      data-term={formatChip(chip)}
    >
      <button
        type="button"
        onClick={onToggleNegate}
        className={`rounded px-1 font-bold ${chip.negate ? 'bg-rose-600 text-white' : 'text-slate-500 hover:bg-slate-700 hover:text-white'}`}
        title={chip.negate ? 'Excluding: click to include' : 'Click to exclude (!)'}
        aria-label={`${chip.negate ? 'include' : 'exclude'} ${text}`}
        aria-pressed={chip.negate}
      >
        !
      </button>
      <InertText value={text} max={80} />
      <RemoveButton onRemove={onRemove} label={text} />
    </span>
  );
}

function RemoveButton({ onRemove, label }: { onRemove: () => void; label: string }) {
  return (
    <button
      type="button"
      onClick={onRemove}
      className="ml-0.5 rounded px-1 text-slate-400 hover:bg-slate-700 hover:text-white"
      aria-label={`remove ${label}`}
      title="Remove"
    >
      ×
    </button>
  );
}

import { InertText } from '@/components/inert-text';

/** The autocomplete list under the filter input: kinds with their help, or values with counts. */
export interface SuggestionItem {
  key: string;
  label: string;
  detail: string;
}

export function FilterSuggestions({
  items,
  active,
  title,
  onPick,
  onHover,
}: {
  items: SuggestionItem[];
  active: number;
  title: string;
  onPick: (index: number) => void;
  onHover: (index: number) => void;
}) {
  return (
    <div
      className="absolute left-0 top-full z-30 mt-1 max-h-80 w-full min-w-[22rem] overflow-auto rounded border border-slate-700 bg-slate-900 py-1 shadow-xl"
      data-testid="filter-suggestions"
      // Keep focus in the input while clicking an item.
      onMouseDown={(e) => e.preventDefault()}
    >
      <div className="px-2 pb-1 text-[11px] uppercase tracking-wide text-slate-500">{title}</div>
      <ul role="listbox" id="filter-suggestions-list">
        {items.map((item, i) => (
          <li
            key={item.key}
            id={`filter-suggestion-${i}`}
            role="option"
            aria-selected={i === active}
            className={`flex cursor-pointer items-baseline justify-between gap-3 px-2 py-0.5 font-mono text-xs ${
              i === active ? 'bg-sky-800/70 text-white' : 'text-slate-200 hover:bg-slate-800'
            }`}
            onMouseEnter={() => onHover(i)}
            onClick={() => onPick(i)}
            data-testid="filter-suggestion"
          >
            <InertText value={item.label} max={90} />
            <span className="shrink-0 font-sans text-[11px] text-slate-500">{item.detail}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

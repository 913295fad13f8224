'use client';

import { createContext, useContext, type ReactNode } from 'react';
import { InertText } from '@/components/inert-text';
import { filterChip } from '@/lib/domain/query/filter-value';
import type { Chip } from '@/lib/domain/query/chips';
import type { FilterKind } from '@/lib/domain/query/kinds';
import type { Direction } from '@/lib/domain/query/parse';

/**
 * One click on a value to filter by it (+) or exclude it (−). The page provides what "add a chip"
 * means (update its URL, or open the list view filtered); values render the same everywhere.
 * The function must be stable: table cells are memoised and read it from context.
 */
export type AddFilter = (chip: Chip) => void;

const FilterActionsContext = createContext<AddFilter | null>(null);

export function FilterActionsProvider({ add, children }: { add: AddFilter; children: ReactNode }) {
  return <FilterActionsContext.Provider value={add}>{children}</FilterActionsContext.Provider>;
}

export function FilterableValue({
  kind,
  value,
  display,
  direction = 'either',
  max = 80,
  className,
  wrap = false,
}: {
  kind: FilterKind; // a typo is a type error, not a chip the parser rejects later
  value: string;
  display?: string;
  direction?: Direction;
  max?: number;
  className?: string;
  wrap?: boolean; // details views: wrap long values instead of cutting them to the cell
}) {
  const add = useContext(FilterActionsContext);
  const shown = display ?? value;
  if (!add || value === '') return <InertText value={shown} max={max} className={className} />;
  const button = (negate: boolean) => (
    <button
      type="button"
      className={`rounded px-1 leading-4 ${negate ? 'hover:bg-rose-700' : 'hover:bg-sky-700'} bg-slate-800 text-slate-100`}
      title={`${negate ? 'Exclude' : 'Filter by'} ${kind}=${value}`}
      aria-label={`${negate ? 'exclude' : 'filter by'} ${direction === 'either' ? '' : `${direction}:`}${kind} ${value}`}
      data-testid={negate ? 'filter-out' : 'filter-in'}
      onClick={(e) => {
        e.stopPropagation();
        add(filterChip(kind, value, { direction, negate }));
      }}
    >
      {negate ? '−' : '+'}
    </button>
  );
  if (wrap) {
    return (
      <span className={`group/fv ${className ?? ''}`}>
        <InertText value={shown} max={max} className="[overflow-wrap:anywhere]" />
        <span className="ml-1 hidden gap-0.5 align-middle text-xs group-focus-within/fv:inline-flex group-hover/fv:inline-flex">
          {button(false)}
          {button(true)}
        </span>
      </span>
    );
  }
  return (
    <span className={`group/fv relative inline-flex max-w-full items-center gap-1 ${className ?? ''}`}>
      <InertText value={shown} max={max} className="block min-w-0 truncate" />
      <span className="invisible absolute right-0 top-1/2 z-10 flex -translate-y-1/2 gap-0.5 text-xs group-hover/fv:visible group-focus-within/fv:visible">
        {button(false)}
        {button(true)}
      </span>
    </span>
  );
}

'use client';

import { useMemo, useRef, useState, type RefObject } from 'react';
import {
  applyKindCompletion,
  completionContext,
  matchingKinds,
} from '@/lib/domain/query/autocomplete';
import { addChips, parseChips, removeSegment, toggleNegate, type ChipSegment } from '@/lib/domain/query/chips';
import { exactFilterValue } from '@/lib/domain/query/filter-value';
import type { QuerySource } from '@/lib/domain/query/kinds';
import { parseQuery, QueryError } from '@/lib/domain/query/parse';
import { ErrorUnderline } from './error-underline';
import { FilterChip } from './filter-chip';
import { FilterSuggestions, type SuggestionItem } from './filter-suggestions';
import { useValueSuggestions } from './use-value-suggestions';

/**
 * The filter bar over the `q` language, for any source (flows here, process events elsewhere).
 * The committed filter is `value` (q text, owned by the page's URL); what is being typed is local.
 * Enter commits the typed terms as chips, or shows the parser's message and underlines the bad
 * term; the list under the input completes kinds (with their help) and values seen recently.
 */
export interface FilterBarProps {
  source: QuerySource;
  value: string;
  onChange: (q: string) => void;
  inputRef?: RefObject<HTMLInputElement | null>;
  placeholder?: string;
}

const INPUT_TEXT = 'px-2 py-1 font-mono text-sm';

export function FilterBar({ source, value, onChange, inputRef, placeholder }: FilterBarProps) {
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<QueryError | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const ownRef = useRef<HTMLInputElement>(null);
  const input = inputRef ?? ownRef;
  const overlay = useRef<HTMLDivElement>(null);

  const segments = useMemo(() => parseChips(value, source), [value, source]);
  const ctx = useMemo(() => completionContext(draft, source), [draft, source]);
  const { values } = useValueSuggestions(
    source,
    ctx?.mode === 'value' ? { kind: ctx.kind, direction: ctx.direction, prefix: ctx.prefix } : null,
  );

  const items: SuggestionItem[] = useMemo(() => {
    if (!ctx) return [];
    if (ctx.mode === 'kind') {
      return matchingKinds(source, ctx.prefix, /(from|to):$/.test(ctx.head)).map((k) => ({ key: k.name, label: `${ctx.head}${k.name}=`, detail: k.help }));
    }
    return values.map((v) => ({ key: v.value, label: v.value, detail: `${v.count.toLocaleString()} recent` }));
  }, [ctx, source, values]);

  const commitText = (text: string) => {
    if (!text.trim()) return;
    try {
      const parsed = parseQuery(text, source);
      onChange(addChips(value, source, parsed.terms));
      setDraft('');
      setError(null);
      setActive(-1);
      setOpen(false); // the chip is in: get the list out of the way of the rows
    } catch (e) {
      if (!(e instanceof QueryError)) throw e;
      setError(e);
    }
  };

  const pick = (index: number) => {
    const item = items[index];
    if (!item || !ctx) return;
    if (ctx.mode === 'kind') {
      setDraft(applyKindCompletion(draft, ctx, item.key));
      setError(null);
      setActive(-1);
      return;
    }
    const chip = { kind: ctx.kind, direction: ctx.direction, negate: ctx.negate, value: exactFilterValue(ctx.kind, item.key) };
    const before = draft.slice(0, ctx.termStart);
    try {
      const earlier = before.trim() ? parseQuery(before, source).terms : [];
      onChange(addChips(value, source, [...earlier, chip]));
      setDraft('');
      setError(null);
      setActive(-1);
      setOpen(false);
    } catch (e) {
      if (!(e instanceof QueryError)) throw e;
      setError(e);
    }
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    const listShown = open && items.length > 0;
    if (e.key === 'ArrowDown' && listShown) {
      e.preventDefault();
      setActive((i) => Math.min(items.length - 1, i + 1));
    } else if (e.key === 'ArrowUp' && listShown) {
      e.preventDefault();
      setActive((i) => Math.max(-1, i - 1));
    } else if (e.key === 'Tab' && listShown && draft) {
      e.preventDefault();
      pick(active >= 0 ? active : 0);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (listShown && active >= 0) pick(active);
      else commitText(draft);
    } else if (e.key === 'Escape') {
      if (listShown) setOpen(false);
      else e.currentTarget.blur();
    } else if (e.key === 'Backspace' && draft === '' && segments.length > 0) {
      onChange(removeSegment(value, source, segments.length - 1));
    }
  };

  const invalid = segments.filter((s): s is Extract<ChipSegment, { ok: false }> => !s.ok);
  const title = ctx?.mode === 'value' ? `${ctx.kind} values seen recently` : 'filter kinds';

  return (
    <div className="flex flex-col gap-1" data-testid="filter-bar">
      <div
        className={`flex flex-wrap items-center gap-1 rounded border bg-slate-950 px-1 py-0.5 ${
          error ? 'border-red-600' : 'border-slate-700 focus-within:border-sky-600'
        }`}
        role="search"
        onClick={() => input.current?.focus()}
      >
        <span className="px-1 text-xs text-slate-500" aria-hidden>
          filter
        </span>
        {segments.map((s, i) => (
          <FilterChip
            key={`${i}:${s.text}`}
            segment={s}
            onRemove={() => onChange(removeSegment(value, source, i))}
            onToggleNegate={() => onChange(toggleNegate(value, source, i))}
          />
        ))}
        <div className="relative min-w-[18rem] flex-1">
          {error && <ErrorUnderline text={draft} start={error.start} end={error.end} overlayRef={overlay} className={INPUT_TEXT} />}
          <input
            ref={input}
            value={draft}
            onChange={(e) => {
              setDraft(e.target.value);
              setError(null);
              setOpen(true);
              setActive(-1);
            }}
            onFocus={() => setOpen(true)}
            onBlur={() => setOpen(false)}
            onKeyDown={onKeyDown}
            onScroll={(e) => {
              if (overlay.current) overlay.current.scrollLeft = e.currentTarget.scrollLeft;
            }}
            spellCheck={false}
            autoComplete="off"
            placeholder={segments.length ? 'add a filter…' : (placeholder ?? 'kind=value, e.g. pod=default/tiefighter — press / to focus')}
            className={`relative w-full bg-transparent text-slate-100 placeholder:text-slate-600 focus:outline-none ${INPUT_TEXT}`}
            aria-label={`${source} filter`}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'filter-error' : undefined}
            aria-autocomplete="list"
            aria-controls="filter-suggestions-list"
            aria-activedescendant={active >= 0 ? `filter-suggestion-${active}` : undefined}
            data-testid="filter-input"
          />
          {open && items.length > 0 && (
            <FilterSuggestions items={items} active={active} title={title} onPick={pick} onHover={setActive} />
          )}
        </div>
        {(segments.length > 0 || draft) && (
          <button
            type="button"
            className="rounded px-2 text-xs text-slate-400 hover:bg-slate-800 hover:text-white"
            onClick={(e) => {
              e.stopPropagation();
              setDraft('');
              setError(null);
              onChange('');
            }}
          >
            clear
          </button>
        )}
      </div>
      {error && (
        <p id="filter-error" role="alert" className="px-1 text-xs text-red-300" data-testid="filter-error">
          {error.message}
          <span className="text-red-400/70"> — fix it and press Enter, or Esc to leave it</span>
        </p>
      )}
      {invalid.map((s) => (
        <p key={`${s.start}:${s.text}`} role="alert" className="px-1 text-xs text-red-300" data-testid="filter-error">
          “{s.text}” is ignored: {s.message}
        </p>
      ))}
    </div>
  );
}

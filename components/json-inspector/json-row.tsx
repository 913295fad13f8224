'use client';

import { memo } from 'react';
import { isImpreciseNumber, type JsonRow } from '@/lib/domain/json-path/json-rows';
import { hasInvisible, visibleText } from '@/lib/domain/text/inert-text';
import { Highlight } from './highlight';

/** One line of the inspector: toggle, key, value (inert, cut when long), and copy actions. */
export interface JsonRowViewProps {
  row: JsonRow;
  query: string;
  isMatch: boolean;
  isCurrentMatch: boolean;
  isFocused: boolean;
  showAll: boolean;
  maxString: number;
  /** What a row can ask of the inspector; one object (kept stable) shared by every row. */
  actions: JsonRowActions;
}

export interface JsonRowActions {
  toggle(row: JsonRow): void;
  focus(row: JsonRow): void;
  copyValue(row: JsonRow): void;
  copyPath(row: JsonRow): void;
  showAll(row: JsonRow): void;
}

const U64_STRING = /^-?\d{16,20}$/;

function Scalar({ row, query, showAll, maxString, onShowAll }: Pick<JsonRowViewProps, 'row' | 'query' | 'showAll' | 'maxString'> & { onShowAll(row: JsonRow): void }) {
  const v = row.value;
  if (typeof v === 'string') {
    const visible = visibleText(v);
    const cut = !showAll && visible.length > maxString;
    const shown = cut ? visible.slice(0, maxString) : visible;
    return (
      <span className="break-all text-amber-200" data-escaped={hasInvisible(v) ? 'true' : undefined} dir="ltr">
        <bdi>
          &quot;
          <Highlight text={shown} query={query} />
          {cut ? '…' : ''}&quot;
        </bdi>
        {U64_STRING.test(v) && (
          <span className="ml-1 text-[10px] text-slate-500" title="A 64-bit value: protojson sends it as a string, shown exactly as sent">
            64-bit
          </span>
        )}
        {cut && (
          <button
            type="button"
            tabIndex={-1}
            className="ml-2 rounded bg-slate-700 px-1 text-[10px] text-slate-200 hover:bg-slate-600"
            onClick={(e) => {
              e.stopPropagation();
              onShowAll(row);
            }}
          >
            show all ({(visible.length - maxString).toLocaleString()} more chars)
          </button>
        )}
      </span>
    );
  }
  if (typeof v === 'number') {
    return (
      <span className="text-emerald-300">
        <Highlight text={String(v)} query={query} />
        {isImpreciseNumber(v) && (
          <span className="ml-1 text-[10px] text-orange-300" title="Beyond 2^53: this number may have been rounded when the JSON was read">
            ≈ imprecise
          </span>
        )}
      </span>
    );
  }
  if (typeof v === 'boolean') return <span className="text-fuchsia-300">{String(v)}</span>;
  return <span className="text-slate-500">null</span>;
}

function JsonRowViewInner(p: JsonRowViewProps) {
  const { row } = p;
  const container = row.kind === 'object' || row.kind === 'array';
  const keyText = row.key === null ? null : typeof row.key === 'number' ? String(row.key) : visibleText(row.key);
  const [open, close] = row.kind === 'array' ? ['[', ']'] : ['{', '}'];
  return (
    <div
      role="treeitem"
      aria-level={row.depth + 1}
      aria-expanded={container ? row.expanded : undefined}
      aria-selected={p.isFocused}
      tabIndex={p.isFocused ? 0 : -1}
      data-testid="json-row"
      data-path={row.id}
      data-match={p.isMatch ? (p.isCurrentMatch ? 'current' : 'yes') : undefined}
      className={`group flex min-h-5 items-start gap-1 rounded-sm pr-2 outline-none ${p.isFocused ? 'bg-sky-900/50 ring-1 ring-sky-500/60' : 'hover:bg-slate-800/60'} ${
        p.isCurrentMatch ? 'bg-amber-500/20 ring-1 ring-amber-400' : p.isMatch ? 'bg-amber-500/10' : ''
      }`}
      style={{ paddingLeft: row.depth * 14 + 4 }}
      onClick={() => {
        p.actions.focus(row);
        if (container) p.actions.toggle(row);
      }}
    >
      <span className="w-3 shrink-0 select-none text-slate-500" aria-hidden="true">
        {container ? (row.expanded ? '▾' : '▸') : ''}
      </span>
      <span className="min-w-0 flex-1">
        {keyText !== null && (
          <>
            <span className={typeof row.key === 'number' ? 'text-slate-500' : 'text-sky-300'} data-escaped={typeof row.key === 'string' && hasInvisible(row.key) ? 'true' : undefined}>
              <Highlight text={keyText} query={typeof row.key === 'string' ? p.query : ''} />
            </span>
            <span className="text-slate-500">: </span>
          </>
        )}
        {container ? (
          <span className="text-slate-400">
            {row.expanded ? open : `${open}…${close}`}
            <span className="ml-1 text-[10px] text-slate-500">
              {row.size} {row.kind === 'array' ? (row.size === 1 ? 'item' : 'items') : row.size === 1 ? 'key' : 'keys'}
            </span>
          </span>
        ) : (
          <Scalar row={row} query={p.query} showAll={p.showAll} maxString={p.maxString} onShowAll={p.actions.showAll} />
        )}
      </span>
      <span className={`shrink-0 gap-1 ${p.isFocused ? 'flex' : 'hidden group-hover:flex'}`}>
        <RowAction label="copy" title="Copy this value (c)" onClick={() => p.actions.copyValue(row)} />
        <RowAction label="jq path" title="Copy the jq path to this value (p)" onClick={() => p.actions.copyPath(row)} />
      </span>
    </div>
  );
}

/** A row's hover action; it does not select the row it sits on. */
function RowAction({ label, title, onClick }: { label: string; title: string; onClick: () => void }) {
  return (
    <button
      type="button"
      tabIndex={-1}
      className="rounded bg-slate-800 px-1 text-[10px] text-slate-300 hover:bg-slate-700 hover:text-white"
      title={title}
      onClick={(e) => {
        e.stopPropagation();
        onClick();
      }}
    >
      {label}
    </button>
  );
}

export const JsonRowView = memo(JsonRowViewInner);

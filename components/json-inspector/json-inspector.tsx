'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { jqPath } from '@/lib/domain/json-path/jq-path';
import { copyableValue, expandedToDepth, jsonRows, valueAt, type JsonRow } from '@/lib/domain/json-path/json-rows';
import { searchJson } from '@/lib/domain/json-path/json-search';
import { copyText } from './copy-text';
import { downloadText } from '@/components/view-kit/download-text';
import { JsonRowView } from './json-row';

/**
 * The exact upstream JSON of an event as a keyboard-navigable tree: search (matches highlighted,
 * their containers opened, Enter/Shift+Enter to step), copy a value, copy its jq path, copy all,
 * download. Strings are inert (control characters made visible) and long ones cut with "show
 * all"; 64-bit values are the strings protojson sent. API (kept stable, other pages use it):
 * <JsonInspector value={obj} fileName="flow-<uuid>.json" defaultExpandDepth={3} />.
 */
export interface JsonInspectorProps {
  value: unknown;
  fileName?: string;
  defaultExpandDepth?: number;
}

const MAX_STRING = 300;

export function JsonInspector({ value, fileName, defaultExpandDepth = 3 }: JsonInspectorProps) {
  const [expanded, setExpanded] = useState(() => expandedToDepth(value, defaultExpandDepth));
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(0);
  const [focusedId, setFocusedId] = useState('.');
  const [longOpen, setLongOpen] = useState<ReadonlySet<string>>(new Set());
  const [status, setStatus] = useState('');
  const treeRef = useRef<HTMLDivElement>(null);
  const focusOnRender = useRef(false);

  // A different document (another event) starts fresh; the same content re-sent by a parent that
  // re-rendered (a new object, equal JSON) keeps what the user opened.
  const identity = useMemo(() => JSON.stringify(value) ?? '', [value]);
  const shownIdentity = useRef(identity);
  useEffect(() => {
    if (shownIdentity.current === identity) return;
    shownIdentity.current = identity;
    setExpanded(expandedToDepth(value, defaultExpandDepth));
    setFocusedId('.');
    setLongOpen(new Set());
  }, [identity, value, defaultExpandDepth]);

  const search = useMemo(() => searchJson(value, query.trim()), [value, query]);
  const matchSet = useMemo(() => new Set(search.matches), [search]);
  const currentMatch = search.matches[current] ?? null;

  useEffect(() => {
    if (search.toExpand.size === 0) return;
    setExpanded((prev) => {
      if ([...search.toExpand].every((id) => prev.has(id))) return prev;
      return new Set([...prev, ...search.toExpand]);
    });
  }, [search]);

  useEffect(() => setCurrent(0), [query]);

  const rows = useMemo(() => jsonRows(value, expanded), [value, expanded]);
  const indexById = useMemo(() => new Map(rows.map((r, i) => [r.id, i])), [rows]);

  const scrollTo = useCallback((id: string, focus: boolean) => {
    const el = treeRef.current?.querySelector<HTMLElement>(`[data-path="${CSS.escape(id)}"]`);
    if (!el) return;
    if (focus) el.focus({ preventScroll: true });
    el.scrollIntoView({ block: 'nearest' });
  }, []);

  useEffect(() => {
    if (!currentMatch) return;
    setFocusedId(currentMatch);
    // after the expansion has rendered the row
    requestAnimationFrame(() => scrollTo(currentMatch, false));
  }, [currentMatch, scrollTo]);

  useEffect(() => {
    if (!focusOnRender.current) return;
    focusOnRender.current = false;
    scrollTo(focusedId, true);
  }, [focusedId, rows, scrollTo]);

  const say = useCallback((text: string) => {
    setStatus(text);
    window.setTimeout(() => setStatus((s) => (s === text ? '' : s)), 2500);
  }, []);

  const toggle = useCallback((row: JsonRow) => {
    if (row.kind !== 'object' && row.kind !== 'array') return;
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(row.id)) next.delete(row.id);
      else next.add(row.id);
      return next;
    });
  }, []);

  const copyValue = useCallback(
    async (row: JsonRow) => {
      const ok = await copyText(copyableValue(valueAt(value, row.path)));
      say(ok ? `Copied the value at ${row.id}` : 'Copying failed: select the text and copy it by hand');
    },
    [value, say],
  );
  const copyPath = useCallback(
    async (row: JsonRow) => {
      const path = jqPath(row.path);
      const ok = await copyText(path);
      say(ok ? `Copied ${path}` : `Copying failed; the path is ${path}`);
    },
    [say],
  );
  const showAll = useCallback((row: JsonRow) => setLongOpen((prev) => new Set([...prev, row.id])), []);
  const focusRow = useCallback((row: JsonRow) => setFocusedId(row.id), []);
  const actions = useMemo(() => ({ toggle, focus: focusRow, copyValue, copyPath, showAll }), [toggle, focusRow, copyValue, copyPath, showAll]);

  const moveFocus = (id: string | undefined) => {
    if (!id) return;
    focusOnRender.current = true;
    setFocusedId(id);
  };

  const onTreeKey = (e: React.KeyboardEvent) => {
    const i = indexById.get(focusedId) ?? 0;
    const row = rows[i];
    if (!row) return;
    const container = row.kind === 'object' || row.kind === 'array';
    switch (e.key) {
      case 'ArrowDown':
        moveFocus(rows[Math.min(rows.length - 1, i + 1)]?.id);
        break;
      case 'ArrowUp':
        moveFocus(rows[Math.max(0, i - 1)]?.id);
        break;
      case 'Home':
        moveFocus(rows[0]?.id);
        break;
      case 'End':
        moveFocus(rows[rows.length - 1]?.id);
        break;
      case 'ArrowRight':
        if (container && !row.expanded) toggle(row);
        else if (container && row.size > 0) moveFocus(rows[i + 1]?.id);
        break;
      case 'ArrowLeft':
        if (container && row.expanded) toggle(row);
        else moveFocus(row.parentId ?? undefined);
        break;
      case 'Enter':
      case ' ':
        toggle(row);
        break;
      case 'c':
        void copyValue(row);
        break;
      case 'p':
        void copyPath(row);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const step = (delta: number) => {
    if (search.matches.length === 0) return;
    setCurrent((c) => (c + delta + search.matches.length) % search.matches.length);
  };

  const copyAll = async () => {
    const ok = await copyText(JSON.stringify(value, null, 2));
    say(ok ? 'Copied the whole JSON' : 'Copying failed: use Download instead');
  };

  return (
    <div className="flex min-h-0 flex-col rounded border border-slate-800 bg-slate-950 font-mono text-xs" data-testid="json-inspector">
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-800 px-2 py-1.5 font-sans">
        <label className="flex min-w-48 flex-1 items-center gap-1">
          <span className="sr-only">Search in the JSON</span>
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                step(e.shiftKey ? -1 : 1);
              } else if (e.key === 'ArrowDown') {
                e.preventDefault();
                moveFocus(currentMatch ?? focusedId);
              }
            }}
            placeholder="Search keys and values…"
            className="w-full rounded border border-slate-700 bg-slate-900 px-2 py-0.5 font-mono text-xs text-slate-100 placeholder:text-slate-500 focus:border-sky-500 focus:outline-none"
            data-testid="json-search"
            spellCheck={false}
          />
        </label>
        {query.trim() && (
          <span className="text-[11px] text-slate-400" data-testid="json-search-count" aria-live="polite">
            {search.matches.length === 0 ? 'no match' : `${current + 1} of ${search.matches.length}${search.capped ? '+' : ''}`}
          </span>
        )}
        {query.trim() && search.matches.length > 1 && (
          <span className="flex gap-0.5">
            <ToolButton label="↑" title="Previous match (Shift+Enter)" onClick={() => step(-1)} />
            <ToolButton label="↓" title="Next match (Enter)" onClick={() => step(1)} />
          </span>
        )}
        <span className="ml-auto flex gap-1">
          <ToolButton label="Expand all" onClick={() => setExpanded(expandedToDepth(value, Number.POSITIVE_INFINITY))} />
          <ToolButton label="Collapse" onClick={() => setExpanded(new Set(['.']))} />
          <ToolButton label="Copy all" onClick={() => void copyAll()} testId="json-copy-all" />
          {fileName && (
            <ToolButton
              label="Download"
              title={`Save as ${fileName}`}
              onClick={() => downloadText(fileName, `${JSON.stringify(value, null, 2)}\n`)}
              testId="json-download"
            />
          )}
        </span>
      </div>
      <div
        ref={treeRef}
        role="tree"
        aria-label={fileName ? `JSON of ${fileName}` : 'JSON'}
        className="min-h-0 flex-1 overflow-auto p-1 leading-5"
        onKeyDown={onTreeKey}
      >
        {rows.map((row) => (
          <JsonRowView
            key={row.id}
            row={row}
            query={query.trim()}
            isMatch={matchSet.has(row.id)}
            isCurrentMatch={row.id === currentMatch}
            isFocused={row.id === focusedId}
            showAll={longOpen.has(row.id)}
            maxString={MAX_STRING}
            actions={actions}
          />
        ))}
      </div>
      <div className="flex justify-between border-t border-slate-800 px-2 py-0.5 font-sans text-[10px] text-slate-500">
        <span role="status" aria-live="polite" data-testid="json-status" className={status ? 'text-emerald-300' : ''}>
          {status || 'Keys: ↑ ↓ move · ← → fold · c copy value · p copy jq path'}
        </span>
      </div>
    </div>
  );
}

function ToolButton({ label, title, onClick, testId }: { label: string; title?: string; onClick(): void; testId?: string }) {
  return (
    <button
      type="button"
      title={title}
      onClick={onClick}
      data-testid={testId}
      className="rounded border border-slate-700 bg-slate-900 px-1.5 py-0.5 text-[11px] text-slate-300 hover:border-slate-500 hover:text-white"
    >
      {label}
    </button>
  );
}

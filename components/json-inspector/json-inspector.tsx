'use client';

import { useState } from 'react';
import { visibleText } from '@/lib/domain/text/inert-text';

/**
 * The exact upstream JSON of an event as a collapsible tree. Values are rendered as text (with
 * control characters made visible); 64-bit values are already strings in protojson and are
 * shown as such. API: <JsonInspector value={obj} fileName="flow-<uuid>.json" />.
 */
export interface JsonInspectorProps {
  value: unknown;
  fileName?: string;
  defaultExpandDepth?: number;
}

function Node({ name, value, depth, expandDepth }: { name: string | null; value: unknown; depth: number; expandDepth: number }) {
  const [open, setOpen] = useState(depth < expandDepth);
  const isObj = typeof value === 'object' && value !== null;
  const label = name === null ? null : <span className="text-sky-300">{visibleText(name)}</span>;
  if (!isObj) {
    const text = typeof value === 'string' ? JSON.stringify(visibleText(value)) : String(value);
    const color = typeof value === 'string' ? 'text-amber-200' : typeof value === 'number' ? 'text-emerald-300' : 'text-fuchsia-300';
    return (
      <div className="pl-4">
        {label}
        {label && ': '}
        <span className={`${color} break-all`}>{text}</span>
      </div>
    );
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as Record<string, unknown>);
  const [openBr, closeBr] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return (
    <div className="pl-4">
      <button type="button" className="text-slate-400 hover:text-white" onClick={() => setOpen(!open)} aria-expanded={open}>
        {open ? '▾' : '▸'}
      </button>{' '}
      {label}
      {label && ': '}
      {openBr}
      {!open && <span className="text-slate-500"> {entries.length} {Array.isArray(value) ? 'items' : 'keys'} {closeBr}</span>}
      {open && (
        <>
          {entries.map(([k, v]) => (
            <Node key={k} name={Array.isArray(value) ? null : k} value={v} depth={depth + 1} expandDepth={expandDepth} />
          ))}
          <div>{closeBr}</div>
        </>
      )}
    </div>
  );
}

export function JsonInspector({ value, defaultExpandDepth = 3 }: JsonInspectorProps) {
  return (
    <div className="overflow-auto rounded border border-slate-800 bg-slate-950 p-2 font-mono text-xs" data-testid="json-inspector">
      <Node name={null} value={value} depth={0} expandDepth={defaultExpandDepth} />
    </div>
  );
}

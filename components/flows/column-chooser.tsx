'use client';

import { useEffect, useRef, useState } from 'react';
import { DEFAULT_FLOW_COLUMNS, FLOW_COLUMN_IDS, type FlowColumnId } from '@/lib/domain/flow-list/flow-sort';
import { FLOW_COLUMN_SPECS } from './flow-columns';

/** Pick the visible columns (kept in the URL as `cols=`), grouped as responders think of them. */
export function ColumnChooser({ value, onChange }: { value: readonly FlowColumnId[]; onChange: (cols: FlowColumnId[]) => void }) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  const toggle = (id: FlowColumnId) => {
    if (value.includes(id)) {
      if (value.length > 1) onChange(value.filter((c) => c !== id));
    } else {
      // Insert in the canonical order so columns do not jump around.
      onChange(FLOW_COLUMN_IDS.filter((c) => c === id || value.includes(c)));
    }
  };
  const groups = [...new Set(FLOW_COLUMN_IDS.map((id) => FLOW_COLUMN_SPECS[id].group))];
  return (
    <div className="relative" ref={box}>
      <button type="button" className="rounded px-2 py-0.5 text-xs text-slate-300 hover:bg-slate-800 hover:text-white" onClick={() => setOpen(!open)} aria-expanded={open} data-testid="columns-button">
        columns ▾
      </button>
      {open && (
        <div className="absolute right-0 z-30 mt-1 w-[26rem] rounded border border-slate-700 bg-slate-900 p-2 text-xs shadow-xl" data-testid="columns-menu">
          <div className="grid grid-cols-3 gap-2">
            {groups.map((g) => (
              <fieldset key={g}>
                <legend className="mb-0.5 text-[11px] uppercase tracking-wide text-slate-500">{g}</legend>
                {FLOW_COLUMN_IDS.filter((id) => FLOW_COLUMN_SPECS[id].group === g).map((id) => (
                  <label key={id} className="flex cursor-pointer items-center gap-1 py-0.5 text-slate-200">
                    <input type="checkbox" checked={value.includes(id)} onChange={() => toggle(id)} />
                    {FLOW_COLUMN_SPECS[id].header}
                  </label>
                ))}
              </fieldset>
            ))}
          </div>
          <button type="button" className="mt-2 text-sky-300 hover:underline" onClick={() => onChange([...DEFAULT_FLOW_COLUMNS])}>
            reset to defaults
          </button>
        </div>
      )}
    </div>
  );
}

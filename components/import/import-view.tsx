'use client';

import { useRef, useState } from 'react';
import { InertText } from '@/components/inert-text';
import { emptyTotals, type ImportTotals } from '@/lib/domain/import/import-tally';
import { ImportReport } from './import-report';
import { runImport, type ImportProgress } from './run-import';

/**
 * /import: someone hands the responder a capture — `tetra getevents -o json` or `hubble observe
 * -o json`, often gzip-compressed. Drop it (or pick it), watch it stream in, read the report.
 */
type State =
  | { kind: 'idle' }
  | { kind: 'running'; file: string; progress: ImportProgress | null }
  | { kind: 'done'; file: string; totals: ImportTotals; cancelled: boolean }
  | { kind: 'error'; file: string; message: string; totals: ImportTotals | null };

export function ImportView() {
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [over, setOver] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const last = useRef<ImportTotals | null>(null);

  const start = (file: File) => {
    if (state.kind === 'running') return;
    const ctl = new AbortController();
    abort.current = ctl;
    last.current = null;
    setState({ kind: 'running', file: file.name, progress: null });
    runImport(file, ctl.signal, (progress) => {
      last.current = progress.totals;
      setState({ kind: 'running', file: file.name, progress: { ...progress, totals: { ...progress.totals } } });
    })
      .then((totals) => setState({ kind: 'done', file: file.name, totals, cancelled: false }))
      .catch((e: Error) => {
        if (e.name === 'AbortError') setState({ kind: 'done', file: file.name, totals: last.current ?? emptyTotals(), cancelled: true });
        else setState({ kind: 'error', file: file.name, message: e.message, totals: last.current });
      });
  };

  const running = state.kind === 'running';
  const p = running ? state.progress : null;
  const pct = p ? Math.floor(p.share * 100) : 0;

  return (
    <div className="mx-auto flex max-w-5xl flex-col gap-4" data-testid="import-page">
      <header>
        <h1 className="text-lg font-semibold text-slate-100">Import a capture</h1>
        <p className="text-sm text-slate-400">
          Lines of <code className="text-slate-300">tetra getevents -o json</code> or <code className="text-slate-300">hubble observe -o json</code>, one JSON object per line
          (NDJSON), plain or gzip-compressed (<code>.gz</code>, unpacked in this browser). Lines already stored are not added twice, so importing a file again is harmless.
        </p>
      </header>
      <label
        className={`flex min-h-40 cursor-pointer flex-col items-center justify-center gap-2 rounded-lg border-2 border-dashed p-6 text-center ${
          over ? 'border-sky-400 bg-sky-950/40' : 'border-slate-700 bg-slate-900/40 hover:border-slate-500'
        } ${running ? 'pointer-events-none opacity-60' : ''}`}
        data-testid="import-drop"
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          const f = e.dataTransfer.files[0];
          if (f) start(f);
        }}
      >
        <span className="text-3xl text-slate-500" aria-hidden="true">
          ⇪
        </span>
        <span className="text-sm text-slate-200">Drop a capture here, or click to pick a file</span>
        <span className="text-xs text-slate-500">.json, .ndjson, .jsonl, .log — or the same gzip-compressed (.gz)</span>
        <input
          ref={input}
          type="file"
          className="sr-only"
          accept=".json,.ndjson,.jsonl,.log,.txt,.gz,application/gzip,application/x-ndjson,application/json"
          data-testid="import-file"
          disabled={running}
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) start(f);
            e.target.value = '';
          }}
        />
      </label>

      {running && (
        <section className="flex flex-col gap-1" data-testid="import-progress">
          <div className="flex items-center gap-2 text-xs text-slate-300">
            <span>
              Importing <InertText value={state.file} max={80} className="font-mono" />…
            </span>
            <span className="font-mono">{pct}%</span>
            {p && (
              <span className="text-slate-500">
                {p.totals.lines.toLocaleString('en-US')} lines · {(p.totals.flows.added + p.totals.events.added).toLocaleString('en-US')} added
              </span>
            )}
            <button type="button" className="ml-auto rounded border border-slate-600 px-2 py-0.5 text-slate-200 hover:bg-slate-800" onClick={() => abort.current?.abort()}>
              Cancel
            </button>
          </div>
          <div className="h-2 overflow-hidden rounded bg-slate-800" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label="Import progress">
            <div className="h-full bg-sky-500 transition-[width]" style={{ width: `${pct}%` }} />
          </div>
        </section>
      )}

      {state.kind === 'error' && (
        <div className="rounded border border-red-900 bg-red-950/40 p-3 text-sm text-red-200" role="alert" data-testid="import-failed">
          Import of <InertText value={state.file} max={80} className="font-mono" /> stopped: <InertText value={state.message} max={400} />
          {state.totals && ' — what was sent before that is imported (below).'}
        </div>
      )}
      {state.kind === 'done' && state.cancelled && (
        <p className="text-sm text-amber-300" data-testid="import-cancelled">
          Cancelled — the lines sent before that are imported.
        </p>
      )}
      {(state.kind === 'done' || (state.kind === 'error' && state.totals)) && <ImportReport totals={state.kind === 'done' ? state.totals : state.totals!} fileName={state.file} />}
    </div>
  );
}

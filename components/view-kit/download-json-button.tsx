'use client';

import { downloadText } from './download-text';

/**
 * Saves one item's upstream object as a file, the way the upstream CLI prints it: one JSON line
 * (`hubble observe -o json`, `tetra getevents -o json`), newline-terminated, so files from
 * Holocron and from the CLI concatenate and feed the same jq or import.
 */
export function DownloadJsonButton({ value, fileName, label = 'Download JSON' }: { value: unknown; fileName: string; label?: string }) {
  return (
    <button
      type="button"
      className="rounded border border-slate-700 bg-slate-900 px-2 py-0.5 text-xs text-slate-200 hover:border-slate-500 hover:text-white"
      onClick={() => downloadText(fileName, `${JSON.stringify(value)}\n`)}
      data-testid="download-json"
      title={`Save as ${fileName}`}
    >
      ⤓ {label}
    </button>
  );
}

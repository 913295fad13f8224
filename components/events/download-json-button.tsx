'use client';

import { downloadText } from '@/components/json-inspector/download-text';

/** Saves one event's upstream JSON as a file: one `tetra getevents -o json` line, newline-terminated. */
export function DownloadJsonButton({ value, fileName, label = 'Download JSON' }: { value: unknown; fileName: string; label?: string }) {
  return (
    <button
      type="button"
      className="rounded border border-slate-700 bg-slate-900 px-2 py-0.5 text-xs text-slate-200 hover:border-slate-500 hover:text-white"
      onClick={() => downloadText(fileName, `${JSON.stringify(value)}\n`)}
      data-testid="download-event-json"
      title={`Save this event as ${fileName}`}
    >
      ⤓ {label}
    </button>
  );
}

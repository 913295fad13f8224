'use client';

/** Saves one upstream object as a .json file (exactly what `hubble observe -o json` printed). */
export function DownloadJsonButton({ value, fileName }: { value: unknown; fileName: string }) {
  return (
    <button
      type="button"
      className="rounded bg-slate-700 px-2 py-1 text-xs text-slate-100 hover:bg-slate-600"
      data-testid="download-json"
      onClick={() => {
        const blob = new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' });
        const url = URL.createObjectURL(blob);
        const a = document.createElement('a');
        a.href = url;
        a.download = fileName;
        a.click();
        setTimeout(() => URL.revokeObjectURL(url), 1000);
      }}
    >
      ⤓ download JSON
    </button>
  );
}

'use client';

import { useState } from 'react';

/** Copies this page's URL; when the clipboard is refused (no permission, plain http) says so. */
export function CopyLinkButton() {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <button
      type="button"
      className="rounded bg-slate-700 px-2 py-1 text-xs text-slate-100 hover:bg-slate-600"
      data-testid="copy-link"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(window.location.href);
          setState('copied');
        } catch {
          setState('failed');
        }
        setTimeout(() => setState('idle'), 2500);
      }}
    >
      {state === 'copied' ? '✓ link copied' : state === 'failed' ? 'copy refused — copy the address bar' : 'copy link'}
    </button>
  );
}

'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { InertText } from '@/components/inert-text';
import { compactFlow } from '@/lib/domain/compact-line';
import { apiFetch } from '@/components/api/api-fetch';
import type { FlowContext } from '@/lib/contract/flows';
import { FlowFields } from './flow-fields';

/**
 * The side panel for the selected row: every field of the flow (fetched with its upstream JSON
 * and the nodes its pods run on), and the link to open it on its own page.
 */
type State = { id: string; kind: 'loading' } | { id: string; kind: 'ready'; ctx: FlowContext } | { id: string; kind: 'error'; message: string; gone: boolean };

export function FlowDetailsPanel({ id, onClose }: { id: string; onClose: () => void }) {
  const [state, setState] = useState<State>({ id, kind: 'loading' });

  useEffect(() => {
    const abort = new AbortController();
    // Keep the previous flow on screen while the next loads (arrow keys move fast).
    const timer = setTimeout(() => setState({ id, kind: 'loading' }), 150);
    void apiFetch('GET /api/flows/[uuid]/neighbors', { params: { uuid: id }, query: { limit: '1' }, signal: abort.signal }).then((res) => {
      clearTimeout(timer);
      if (abort.signal.aborted) return;
      if (res.ok) setState({ id, kind: 'ready', ctx: res.data });
      else setState({ id, kind: 'error', message: res.error.message, gone: res.error.status === 404 });
    });
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [id]);

  return (
    <aside className="flex h-full w-[30rem] shrink-0 flex-col overflow-hidden rounded border border-slate-800 bg-slate-950" data-testid="flow-details" aria-label="Flow details">
      <header className="flex items-center gap-2 border-b border-slate-800 px-3 py-2">
        <h2 className="text-sm font-semibold text-slate-200">Flow details</h2>
        <Link
          href={`/flows/${encodeURIComponent(id)}`}
          className="ml-auto rounded bg-sky-700 px-2 py-0.5 text-xs font-medium text-white hover:bg-sky-600"
          data-testid="open-flow"
          title="Open this flow on its own page (Enter) — a link you can share"
        >
          open ↗
        </Link>
        <button type="button" onClick={onClose} className="rounded px-2 text-slate-400 hover:bg-slate-800 hover:text-white" aria-label="Close details (Esc)" title="Close (Esc)">
          ×
        </button>
      </header>
      <div className="min-h-0 flex-1 overflow-auto p-2">
        {state.kind === 'loading' && <p className="p-2 text-sm text-slate-400">Loading flow {id}…</p>}
        {state.kind === 'error' && (
          <p className="p-2 text-sm text-red-300" role="alert">
            {state.gone
              ? `Flow ${id} is not stored any more — it may be older than the retention.`
              : `Could not load this flow: ${state.message}. Select it again to retry.`}
          </p>
        )}
        {state.kind === 'ready' && (
          <>
            <p className="mb-2 font-mono text-xs text-slate-300">
              <InertText value={compactFlow(state.ctx.flow)} max={300} />
            </p>
            <FlowFields item={state.ctx.flow} nodes={state.ctx.nodes} narrow />
          </>
        )}
      </div>
    </aside>
  );
}

import { Suspense } from 'react';
import { FlowsView } from '@/components/flows/flows-view';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Flows · Holocron' };

/** /flows — Hubble flows, live and stored; filter, time range, columns and selection live in the URL. */
export default function FlowsPage() {
  return (
    <Suspense fallback={<p className="p-4 text-sm text-slate-400">Loading flows…</p>}>
      <FlowsView />
    </Suspense>
  );
}

import { Suspense } from 'react';
import { ProcessesView } from '@/components/processes/processes-view';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Process events · Holocron' };

/** /processes — the process-event table; all state is in the URL, read by the client view. */
export default function ProcessesPage() {
  return (
    <Suspense fallback={<p className="p-4 text-sm text-slate-400">Loading process events…</p>}>
      <ProcessesView />
    </Suspense>
  );
}

import { Suspense } from 'react';
import { PodTimeline } from '@/components/timeline/pod-timeline';

export const dynamic = 'force-dynamic';

/** Route params may arrive still percent-encoded; a stray '%' must not throw. */
function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

interface Params {
  namespace: string;
  pod: string;
}

export async function generateMetadata({ params }: { params: Promise<Params> }) {
  const { namespace, pod } = await params;
  return { title: `${decoded(namespace)}/${decoded(pod)} · process timeline · Holocron` };
}

/** /pods/<namespace>/<pod> — the pod's process-ancestry timeline; selection and zoom are in the URL. */
export default async function PodTimelinePage({ params }: { params: Promise<Params> }) {
  const { namespace, pod } = await params;
  return (
    <Suspense fallback={<p className="p-4 text-sm text-slate-400">Loading the process timeline…</p>}>
      <PodTimeline namespace={decoded(namespace)} pod={decoded(pod)} />
    </Suspense>
  );
}

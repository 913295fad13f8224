import { Suspense } from 'react';
import { MapView } from '@/components/service-map/map-view';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Service map · Holocron' };

/** /map — workloads and their connections from stored flows; filter, window, viewport and selection in the URL. */
export default function MapPage() {
  return (
    <Suspense fallback={<p className="p-4 text-sm text-slate-400">Loading the service map…</p>}>
      <MapView />
    </Suspense>
  );
}

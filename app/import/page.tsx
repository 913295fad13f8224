import { ImportView } from '@/components/import/import-view';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Import a capture · Holocron' };

/** /import — drop a `tetra getevents -o json` / `hubble observe -o json` capture (NDJSON, or .gz). */
export default function ImportPage() {
  return <ImportView />;
}

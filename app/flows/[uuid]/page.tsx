import { notFound } from 'next/navigation';
import { FlowDetailView } from '@/components/flows/flow-detail/flow-detail-view';
import { displayCopy } from '@/lib/server/api/display-copy';
import { flowContext } from '@/lib/server/api/flow-context';
import { ensureHub } from '@/lib/server/hub';

export const dynamic = 'force-dynamic';

const NEIGHBORS = 10;

/** /flows/<uuid> — one flow, everything a responder needs, as a link that opens anywhere. */
export default async function FlowPage({ params }: { params: Promise<{ uuid: string }> }) {
  const { uuid } = await params;
  if (!/^[A-Za-z0-9_.:-]{1,128}$/.test(uuid)) notFound();
  const hub = await ensureHub();
  const stored = await flowContext(hub.store, uuid, NEIGHBORS);
  const ctx = stored && displayCopy(stored); // bounded: long strings cut for the page
  if (!ctx) notFound();
  // Plain JSON across the server/client boundary (the upstream object is untouched).
  return <FlowDetailView context={JSON.parse(JSON.stringify(ctx))} />;
}

export async function generateMetadata({ params }: { params: Promise<{ uuid: string }> }) {
  const { uuid } = await params;
  return { title: `Flow ${uuid.slice(0, 8)} · Holocron` };
}

import Link from 'next/link';
import { AlertDetailView } from '@/components/alerts/alert-detail';
import { alertDetail } from '@/lib/server/api/alert-items';
import { displayCopy } from '@/lib/server/api/display-copy';
import { ensureHub } from '@/lib/server/hub';

export const dynamic = 'force-dynamic';

/** /alerts/<id> — one alert and its evidence (a deep link webhooks send). */
export default async function AlertPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const valid = /^[A-Za-z0-9_.:-]{1,128}$/.test(id);
  const detail = valid ? await alertDetail(await ensureHub(), id) : null;
  if (!detail) {
    return (
      <div className="mx-auto max-w-xl space-y-2 p-6 text-center" data-testid="alert-not-found">
        <h1 className="text-lg font-semibold text-slate-100">No such alert</h1>
        <p className="text-sm text-slate-400">
          {valid ? 'It is not stored here — it may be older than the retention, or from another Holocron.' : 'This is not an alert id.'}
        </p>
        <Link href="/alerts" className="text-sm text-sky-300 underline">
          See all alerts
        </Link>
      </div>
    );
  }
  return <AlertDetailView alert={displayCopy(JSON.parse(JSON.stringify(detail)) as typeof detail)} />;
}

import Link from 'next/link';

/** A flow link whose uuid is not stored: say why that can happen and where to go. */
export default function FlowNotFound() {
  return (
    <div className="mx-auto mt-16 max-w-xl rounded border border-slate-800 bg-slate-900/60 p-6" data-testid="flow-not-found">
      <h1 className="mb-2 text-lg font-semibold text-slate-100">This flow is not stored</h1>
      <p className="mb-2 text-sm text-slate-300">
        No flow with this uuid is in Holocron&apos;s store. It may be older than the retention (HOLOCRON_RETENTION, 24h by default, or the size cap), the
        link may be from another Holocron server, or the uuid may be mistyped.
      </p>
      <p className="text-sm text-slate-400">
        Look for it in the <Link href="/flows" className="text-sky-300 underline">flows list</Link> (filter by pod, path or time), or import the capture it came from.
      </p>
    </div>
  );
}

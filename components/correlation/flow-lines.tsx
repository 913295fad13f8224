import Link from 'next/link';
import { InertText } from '@/components/inert-text';
import { compactFlow } from '@/lib/domain/compact-line';
import { flowHref } from '@/lib/domain/process-context/process-link';
import type { FlowSummary } from '@/lib/domain/records';

/** Flows as `hubble observe`-style lines, each a link to /flows/<uuid>. */
export function FlowLines({ flows, testId, empty }: { flows: readonly FlowSummary[]; testId?: string; empty: string }) {
  if (flows.length === 0) return <p className="text-xs text-slate-500">{empty}</p>;
  return (
    <ul className="font-mono text-xs" data-testid={testId}>
      {flows.map((f) => (
        <li key={f.id} className="flex items-baseline gap-2 border-t border-slate-800/70 py-0.5" data-testid="flow-link">
          <span className="w-24 shrink-0 text-slate-500">{f.time.slice(11, 23)}</span>
          <span className={f.verdict === 'DROPPED' ? 'text-red-400' : 'text-emerald-400'}>{f.verdict === 'DROPPED' ? '✖' : '→'}</span>
          <Link href={flowHref(f.id)} className="min-w-0 text-sky-200 hover:underline" prefetch={false}>
            <InertText value={compactFlow(f)} max={200} />
          </Link>
        </li>
      ))}
    </ul>
  );
}

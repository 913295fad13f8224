import type { ReactNode } from 'react';
import { InertText } from '@/components/inert-text';

/** A label/value grid for the event summary; values from the event go through InertText. */
export function FieldList({ children }: { children: ReactNode }) {
  return <dl className="grid grid-cols-[8.5rem_minmax(0,1fr)] gap-x-3 gap-y-1 text-xs">{children}</dl>;
}

export function Field({ label, value, mono = true, children, testId }: { label: string; value?: string | number | null; mono?: boolean; children?: ReactNode; testId?: string }) {
  const empty = children === undefined && (value === undefined || value === null || value === '');
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className={`min-w-0 break-words ${mono ? 'font-mono' : ''} ${empty ? 'text-slate-600' : 'text-slate-200'}`} data-testid={testId}>
        {children ?? (empty ? 'not sent' : <InertText value={String(value)} max={400} />)}
      </dd>
    </>
  );
}

export function Card({ title, children, testId, className = '' }: { title: string; children: ReactNode; testId?: string; className?: string }) {
  return (
    <section className={`rounded border border-slate-800 bg-slate-900/60 p-3 ${className}`} data-testid={testId}>
      <h2 className="mb-2 text-[11px] font-semibold uppercase tracking-wide text-slate-400">{title}</h2>
      {children}
    </section>
  );
}

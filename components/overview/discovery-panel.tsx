import { InertText } from '@/components/inert-text';

/** `+dns` names: how many addresses each answers now, how many came and went, and resolver errors. */
export interface DiscoveryRow {
  name: string;
  addresses: string[];
  found: number;
  vanished: number;
  lastError: string | null;
}

export function DiscoveryPanel({ discovery }: { discovery: DiscoveryRow[] }) {
  if (discovery.length === 0) return null;
  return (
    <ul className="mt-2 space-y-1 border-t border-slate-800 pt-2 text-xs text-slate-400" data-testid="discovery-panel">
      {discovery.map((d) => (
        <li key={d.name}>
          <span className="font-mono text-slate-300">
            <InertText value={d.name} max={100} />
          </span>{' '}
          → {d.addresses.length} {d.addresses.length === 1 ? 'address' : 'addresses'} · {d.found} found · {d.vanished} vanished
          {d.lastError ? (
            <span className="text-red-400">
              {' '}
              · <InertText value={d.lastError} max={120} />
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

import { EDGE_COLOR, EDGE_DASH } from './edge-style';

/** What the colours and marks mean; small, in a corner, and collapsible. */
function Line({ verdict, label }: { verdict: keyof typeof EDGE_COLOR; label: string }) {
  return (
    <li className="flex items-center gap-2">
      <svg width="34" height="10" aria-hidden>
        <line x1="1" y1="5" x2="26" y2="5" stroke={EDGE_COLOR[verdict]} strokeWidth="2.5" strokeDasharray={EDGE_DASH[verdict]} />
        <path d="M25 1 L33 5 L25 9 z" fill={EDGE_COLOR[verdict]} />
      </svg>
      {label}
    </li>
  );
}

export function MapLegend({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  return (
    <div className="absolute bottom-3 left-3 z-10 rounded-md border border-slate-700 bg-slate-950/90 text-[11px] text-slate-300 shadow" data-testid="map-legend">
      <button type="button" onClick={onToggle} className="w-full px-3 py-1 text-left text-slate-400 hover:text-white" aria-expanded={open}>
        {open ? '▾' : '▸'} legend
      </button>
      {open && (
        <ul className="space-y-1 px-3 pb-2">
          <Line verdict="forwarded" label="forwarded (client → server)" />
          <Line verdict="dropped" label="dropped" />
          <Line verdict="mixed" label="some dropped, some not" />
          <li className="flex items-center gap-2">
            <svg width="34" height="12" aria-hidden>
              <path d="M13.5 5 V3.2 a2.5 2.5 0 0 1 5 0 V5" fill="none" stroke="#7dd3fc" strokeWidth="1.3" />
              <rect x="12" y="5" width="8" height="6" rx="1.2" fill="#7dd3fc" />
            </svg>
            encrypted or mutual auth (grey: only some flows)
          </li>
          <li className="flex items-center gap-2">
            <span className="inline-block h-3 w-[34px] rounded-sm border border-dashed border-slate-500" />
            namespace
          </li>
          <li className="flex items-center gap-2">
            <span className="inline-block h-3 w-[34px] rounded-sm border-l-4 border-red-400 bg-slate-800" />
            serves an endpoint with drops or 5xx
          </li>
          <li className="text-slate-500">label: port/protocol ×flows, then L7 method + path</li>
        </ul>
      )}
    </div>
  );
}

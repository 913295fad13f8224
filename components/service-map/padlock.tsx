/** A small padlock drawn in SVG (no emoji font needed): encrypted or mutually authenticated. */
export function Padlock({ x, y, partial }: { x: number; y: number; partial: boolean }) {
  const color = partial ? '#94a3b8' : '#7dd3fc';
  return (
    <g transform={`translate(${x},${y})`} data-testid="edge-padlock" aria-label="secured">
      <path d="M2.5 5 V3.2 a2.5 2.5 0 0 1 5 0 V5" fill="none" stroke={color} strokeWidth={1.3} />
      <rect x={1} y={5} width={8} height={6} rx={1.2} fill={color} />
    </g>
  );
}

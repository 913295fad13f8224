'use client';

import { useLayoutEffect, useRef, type ReactNode, type RefObject } from 'react';

/**
 * The hover card: follows the pointer by writing its own style (no React state per mouse move),
 * flips to stay inside the window, and never takes pointer events, so it cannot steal a click.
 */
export function MapTooltip({ anchor, at, children }: { anchor: RefObject<SVGSVGElement | null>; at: { x: number; y: number }; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const svg = anchor.current;
    if (!svg) return;
    const move = (e: { clientX: number; clientY: number }) => {
      const el = box.current;
      if (!el) return;
      const { innerWidth, innerHeight } = window;
      const w = el.offsetWidth;
      const h = el.offsetHeight;
      const x = e.clientX + 16 + w > innerWidth ? e.clientX - 16 - w : e.clientX + 16;
      const y = e.clientY + 16 + h > innerHeight ? Math.max(8, innerHeight - h - 8) : e.clientY + 16;
      el.style.transform = `translate(${Math.max(8, x)}px, ${y}px)`;
    };
    move({ clientX: at.x, clientY: at.y });
    svg.addEventListener('pointermove', move);
    return () => svg.removeEventListener('pointermove', move);
    // `at` is only where the hover started; later moves come from the listener.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [anchor]);
  return (
    <div
      ref={box}
      role="tooltip"
      data-testid="map-tooltip"
      className="pointer-events-none fixed top-0 left-0 z-30 max-w-md rounded-md border border-slate-700 bg-slate-900/95 p-3 shadow-xl"
    >
      {children}
    </div>
  );
}

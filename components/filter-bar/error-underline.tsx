import type { RefObject } from 'react';

/**
 * Draws a wavy underline under the characters [start, end) of an input's text, in an overlay
 * behind the input with the same font and padding (the text itself is transparent there). The
 * overlay follows the input's horizontal scroll through `overlayRef`.
 */
export function ErrorUnderline({
  text,
  start,
  end,
  overlayRef,
  className,
}: {
  text: string;
  start: number;
  end: number;
  overlayRef: RefObject<HTMLDivElement | null>;
  className: string;
}) {
  const s = Math.max(0, Math.min(start, text.length));
  const e = Math.max(s, Math.min(end, text.length));
  return (
    <div ref={overlayRef} aria-hidden className={`pointer-events-none absolute inset-0 overflow-hidden whitespace-pre text-transparent ${className}`}>
      {text.slice(0, s)}
      <span className="underline decoration-red-500 decoration-wavy decoration-2 underline-offset-4" data-testid="filter-error-underline">
        {text.slice(s, e) || ' '}
      </span>
      {text.slice(e)}
    </div>
  );
}

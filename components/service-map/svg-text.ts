import { shortCount } from '@/lib/domain/service-map/edge-label';
import { visibleText } from '@/lib/domain/text/inert-text';

export { shortCount };

/**
 * Event strings drawn as SVG <text>: control characters and bidi overrides made visible (React
 * already keeps markup inert), then cut to what fits, with an ellipsis. The full value goes into
 * a <title> so hovering shows it.
 */
export function fitText(value: string, maxChars: number): string {
  const v = visibleText(value);
  if (v.length <= maxChars) return v;
  return `${v.slice(0, Math.max(1, maxChars - 1))}…`;
}

/** Characters of a given advance that fit in a width. */
export function charsFitting(width: number, charWidth: number): number {
  return Math.max(1, Math.floor(width / charWidth));
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

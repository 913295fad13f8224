'use client';

import { useEffect, useRef } from 'react';

/** A key's action; it calls preventDefault itself when it acted (some keys act only sometimes). */
export type ViewKeyHandler = (e: KeyboardEvent) => void;

/** Whether a key press is typing in a field (a filter, a form), which page shortcuts leave alone. */
export function isTyping(target: EventTarget | null): boolean {
  const t = target as HTMLElement | null;
  return !!t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
}

/**
 * A view's page-wide shortcuts (`/` filter, `p` pause …), keyed by KeyboardEvent.key. Left alone:
 * keys with a modifier (the browser's own shortcuts), keys typed in a field, and keys something
 * focused already acted on (the table's own arrows). The handlers may change every render; the
 * listener is added once.
 */
export function useViewKeys(keys: Record<string, ViewKeyHandler>): void {
  const latest = useRef(keys);
  latest.current = keys;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented || isTyping(e.target)) return;
      latest.current[e.key]?.(e);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/**
 * "▲ 12 new flows — show": while the view holds the live tail back (paused, or scrolled away from
 * the top), new rows are counted, not inserted under the reader's eyes; this brings them in.
 * Floats over the top of the table, so its coming and going does not move the rows.
 */
export function NewRowsButton({ count, noun, action, onClick }: { count: number; noun: readonly [one: string, many: string]; action: string; onClick: () => void }) {
  if (count <= 0) return null;
  return (
    <button
      type="button"
      onClick={onClick}
      className="absolute left-1/2 top-8 z-30 -translate-x-1/2 rounded-full bg-sky-600 px-3 py-1 text-xs font-semibold text-white shadow-lg hover:bg-sky-500"
      data-testid="new-rows"
    >
      ▲ {count.toLocaleString('en-US')} new {count === 1 ? noun[0] : noun[1]} — {action}
    </button>
  );
}

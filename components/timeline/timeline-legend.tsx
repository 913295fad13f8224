import { BAR_CLASS, MARKER_CLASS } from './tone-styles';

/** The key to the colours: how bars end and what the ticks are. */
export function TimelineLegend() {
  const bar = (cls: string, label: string) => (
    <span className="flex items-center gap-1">
      <span className={`inline-block h-2 w-4 rounded-sm ${cls}`} />
      {label}
    </span>
  );
  const tick = (cls: string, label: string) => (
    <span className="flex items-center gap-1">
      <span className={`inline-block h-2 w-2 rotate-45 rounded-[1px] ring-1 ${cls}`} />
      {label}
    </span>
  );
  return (
    <div className="flex flex-wrap gap-x-3 gap-y-1 text-[10px] text-slate-400" aria-label="Legend">
      {bar(BAR_CLASS.ok, 'exit 0')}
      {bar(BAR_CLASS.failed, 'exit ≠ 0')}
      {bar(BAR_CLASS.sigkill, 'SIGKILL')}
      {bar(BAR_CLASS.running, 'running')}
      {bar(BAR_CLASS.host, 'host')}
      {tick(MARKER_CLASS.connect!, 'network')}
      {tick(MARKER_CLASS.read!, 'read/open')}
      {tick(MARKER_CLASS.truncate!, 'write/truncate')}
    </div>
  );
}

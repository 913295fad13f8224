/**
 * Alerts (schema step 2). One row per alert with the columns its filters and facets need, the
 * Falco JSON verbatim, and the two group keys repeats are matched on; one row per occurrence
 * (`alert_hits`, keyed by the occurrence id = rule + evidence event) so a replayed event is
 * never counted twice and every piece of evidence stays listed.
 */
export const ALERTS_DDL = `
CREATE TABLE IF NOT EXISTS alerts (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  ts INTEGER NOT NULL,
  last_ts INTEGER NOT NULL,
  count INTEGER NOT NULL,
  rule TEXT NOT NULL,
  priority TEXT NOT NULL,
  priority_rank INTEGER NOT NULL,
  time TEXT NOT NULL,
  node TEXT NOT NULL, namespace TEXT NOT NULL, pod TEXT NOT NULL,
  exec_id TEXT NOT NULL, event_id TEXT NOT NULL,
  last_exec_id TEXT NOT NULL, last_event_id TEXT NOT NULL,
  message TEXT NOT NULL,
  tags TEXT NOT NULL,
  search TEXT NOT NULL,
  process_key TEXT NOT NULL,
  output_key TEXT NOT NULL,
  json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS alerts_ts ON alerts(ts, seq);
CREATE INDEX IF NOT EXISTS alerts_last_ts ON alerts(last_ts);
CREATE INDEX IF NOT EXISTS alerts_process_key ON alerts(process_key, last_ts);
CREATE INDEX IF NOT EXISTS alerts_output_key ON alerts(output_key, last_ts);
CREATE TABLE IF NOT EXISTS alert_hits (
  occurrence_id TEXT PRIMARY KEY,
  alert_id TEXT NOT NULL,
  event_id TEXT NOT NULL,
  exec_id TEXT NOT NULL,
  ts INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS alert_hits_alert ON alert_hits(alert_id, ts);
CREATE INDEX IF NOT EXISTS alert_hits_ts ON alert_hits(ts);
`;

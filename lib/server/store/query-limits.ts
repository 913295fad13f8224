/** What a query past its budget is told (SQLite's reader threads, ClickHouse's max_execution_time). */
export function timeBudgetMessage(ms: number): string {
  return `the query ran past its time budget of ${ms} ms (HOLOCRON_QUERY_TIMEOUT); narrow the filter or the time range`;
}

export function rowBudgetMessage(rows: number): string {
  return `the query tested more than ${rows} rows with per-row matching (HOLOCRON_QUERY_MAX_ROWS); narrow the filter or the time range`;
}

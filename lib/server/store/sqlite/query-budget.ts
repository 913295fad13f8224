/**
 * The budget of the read query running on this thread (a reader thread, read-pool.ts). SQLite
 * calls back into JavaScript for every row a regex or another per-row function tests
 * (sql-functions.ts); each call ticks here, so a query that tests too many rows, or runs too
 * long, stops with an error naming the limit instead of holding its thread. Outside a budget
 * (the store's own connection, tests) ticking costs one comparison.
 */
import { rowBudgetMessage, timeBudgetMessage } from '../query-limits';

export type BudgetLimit = 'time' | 'rows';

export class QueryBudgetExceeded extends Error {
  constructor(
    readonly limit: BudgetLimit,
    message: string,
  ) {
    super(message);
    this.name = 'QueryBudgetExceeded';
  }
}

export interface QueryBudget {
  timeMs: number;
  maxRows: number;
}

const CHECK_EVERY = 32;
let deadline = Infinity;
let timeMs = 0;
let rowsLeft = Infinity;
let maxRows = 0;
let untilCheck = CHECK_EVERY;

/** Runs `fn` (sync, or a promise: the budget lasts until it settles) within the budget. One at a time per thread. */
export async function withBudget<T>(budget: QueryBudget, fn: () => T | Promise<T>): Promise<T> {
  deadline = Date.now() + budget.timeMs;
  timeMs = budget.timeMs;
  rowsLeft = budget.maxRows;
  maxRows = budget.maxRows;
  untilCheck = CHECK_EVERY;
  try {
    return await fn();
  } finally {
    deadline = Infinity;
    rowsLeft = Infinity;
  }
}

/** One row tested; throws when the query is over its budget. */
export function tick(): void {
  if (--rowsLeft < 0) throw new QueryBudgetExceeded('rows', rowBudgetMessage(maxRows));
  if (--untilCheck > 0) return;
  untilCheck = CHECK_EVERY;
  if (Date.now() > deadline) throw new QueryBudgetExceeded('time', timeBudgetMessage(timeMs));
}

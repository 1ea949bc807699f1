/**
 * Named prepared statements for the embedded database (PGlite), so that a statement run again is not parsed and
 * planned again. PGlite's own `query()` sends each statement as the unnamed statement: every call is parsed,
 * analysed and planned afresh, which was most of a child's record's time and ~40 ms of a team's dashboard.
 *
 * Here each distinct SQL text gets a name on its first use (Parse + Describe), and later calls only Bind and
 * Execute it; PostgreSQL then keeps the statement's plan (after five custom plans it settles on a generic one when
 * that costs no more). The cache is bounded: at most `limit` statements per connection, the least recently used
 * closed (the protocol's Close, as DEALLOCATE) when another is needed.
 *
 * Schema changes: PostgreSQL replans a kept statement itself when a table it reads changes, but refuses to run one
 * whose result columns would change ("cached plan must not change result type"). So every statement that is not
 * a plain read or write (DDL in a migration, SET, DISCARD...) empties the cache after it runs, and a kept statement
 * that fails because it changed or vanished under us is prepared afresh and run once more (outside a transaction;
 * inside one the error stands, as the transaction is already aborted).
 */

/** Statements worth keeping: plain reads and writes. Anything else may change what the kept ones mean. */
const CACHEABLE = /^\s*(?:SELECT|WITH|INSERT|UPDATE|DELETE|VALUES)\b/i;

export function isCacheable(sql: string): boolean {
  return CACHEABLE.test(sql);
}

/** Errors that mean a kept statement no longer fits: its result type changed, or it was deallocated. */
export function isStaleStatementError(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  if (!e || typeof e !== 'object') return false;
  if (e.code === '26000') return true; // invalid_sql_statement_name: prepared statement "..." does not exist
  return e.code === '0A000' && /cached plan must not change result type/.test(e.message ?? '');
}

export interface Prepared {
  name: string;
  /** The parameters' type OIDs, as the server described them. */
  paramTypes: number[];
}

/** Default number of statements kept per connection (the pages use a few dozen distinct statements). */
export const DEFAULT_STATEMENT_LIMIT = 200;

/**
 * Which SQL texts have a prepared statement on one connection, least recently used first. Pure bookkeeping: the
 * caller sends the Parse and Close messages it is told to.
 */
export class StatementCache {
  private readonly kept = new Map<string, Prepared>();
  private counter = 0;

  constructor(readonly limit: number = DEFAULT_STATEMENT_LIMIT) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`statement cache limit must be a positive integer, not ${limit}`);
  }

  get size(): number {
    return this.kept.size;
  }

  /** The kept statement for this SQL (marked as used most recently), if any. */
  get(sql: string): Prepared | undefined {
    const hit = this.kept.get(sql);
    if (hit) {
      this.kept.delete(sql);
      this.kept.set(sql, hit);
    }
    return hit;
  }

  /** A fresh statement name, unique on this connection. */
  nextName(): string {
    this.counter += 1;
    return `tl_${this.counter}`;
  }

  /** The statements to close so that one more fits under the limit (they are forgotten here). */
  makeRoom(): string[] {
    const closing: string[] = [];
    while (this.kept.size >= this.limit) {
      const [sql, oldest] = this.kept.entries().next().value as [string, Prepared];
      this.kept.delete(sql);
      closing.push(oldest.name);
    }
    return closing;
  }

  add(sql: string, prepared: Prepared): void {
    this.kept.set(sql, prepared);
  }

  /** Forgets one SQL text's statement; returns its name, to close. */
  drop(sql: string): string | undefined {
    const was = this.kept.get(sql);
    this.kept.delete(sql);
    return was?.name;
  }

  /** The names of the statements kept. */
  names(): string[] {
    return [...this.kept.values()].map((p) => p.name);
  }

  /** Forgets every statement (after DEALLOCATE ALL, or a schema change). */
  clear(): void {
    this.kept.clear();
  }
}

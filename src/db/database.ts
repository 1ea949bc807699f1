/**
 * The one interface the rest of Threadline uses to talk to PostgreSQL, whichever engine runs it:
 * embedded PGlite (the zero-set-up default) or a PostgreSQL server (DATABASE_URL).
 *
 * Values come back the same from both: date columns as "YYYY-MM-DD" strings, timestamptz as Date,
 * bigint counts as numbers, numeric as strings (exact).
 */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs SQL that may hold several statements, without parameters. */
  exec(sql: string): Promise<void>;
  /**
   * Bulk-loads CSV text (no header; NULL as an unquoted empty value) into a table with COPY, where the
   * engine offers a fast path for it (PGlite). Absent otherwise.
   */
  copyCsv?(table: string, columns: readonly string[], csv: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** Where the data lives, for messages (never includes a password). */
  readonly location: string;
}

export const DATE_OID = 1082;
export const INT8_OID = 20;

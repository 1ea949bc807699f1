/**
 * Several tables' rows for a set of people in one statement (a round trip and a plan per table would otherwise be
 * much of a page's time): each SELECT gives its tag `k`, the `person_id` and the wanted columns as one JSON
 * object `r`; they are joined with UNION ALL and the rows come back grouped by tag. JSON carries instants
 * (timestamptz) as ISO text: the columns named as instants are turned back into Dates, so they give the same
 * London dates as when read directly.
 */
import type { Queryable } from './database.js';

export type TaggedRow = Record<string, unknown> & { person_id: string };

/**
 * `= ANY(...)` of a text[] parameter, for a list of hundreds of people: `person_id = ${anyOf(1)}`. The array is
 * handed over as the value of a sub-select, so the planner does not estimate the selectivity of each of its
 * elements against each table's statistics (with a team's 300 children and 15 tables that was 50 ms of
 * planning for a 5 ms query); the index on the column is still used, with every element looked up in it.
 */
export const anyOf = (param: number): string => `ANY((SELECT $${param}::text[])::text[])`;

/**
 * One tagged SELECT: `columns` is a comma-separated list of columns ("id, start_date"), qualified columns
 * ("s.id", keyed "id") or expressions with a name ("d.held_at AS strategy_at").
 */
export function taggedSelect(k: string, columns: string, from: string): string {
  const pairs = columns.split(',').map((c) => c.trim()).map((c) => `'${c.replace(/^.* AS /, '').replace(/^.*\./, '')}', ${c.replace(/ AS .*$/, '')}`);
  return `SELECT '${k}' AS k, person_id, json_build_object(${pairs.join(', ')}) AS r FROM ${from}`;
}

/**
 * Runs a statement returning one JSON array in a column named `rows` (json_agg(...) AS rows) and gives its items:
 * one value to parse instead of a message and fields per row. The driver may hand the JSON over parsed or as text.
 */
export async function jsonArray<T>(q: Queryable, sql: string, params: unknown[]): Promise<T[]> {
  const [result] = await q.query<{ rows: T[] | string | null }>(sql, params);
  const raw = result?.rows ?? [];
  return typeof raw === 'string' ? JSON.parse(raw) as T[] : raw;
}

/**
 * Runs the tagged SELECTs as one statement; returns each tag's rows (none for a tag with no rows). The rows come
 * back as one JSON array of [tag, person, row] (a team's case records are thousands of rows: one value to parse
 * instead of a message, a JSON value and an object per row).
 */
export async function taggedRows(
  q: Queryable, selects: readonly string[], params: unknown[], instants: readonly string[],
): Promise<(k: string) => TaggedRow[]> {
  const all = await jsonArray<[string, string, Record<string, unknown>]>(q,
    `SELECT json_agg(json_build_array(t.k, t.person_id, t.r)) AS rows FROM (${selects.map((sql) => `(${sql})`).join(' UNION ALL ')}) t`, params);
  const byTag = new Map<string, TaggedRow[]>();
  for (const [k, personId, r] of all) {
    const row = r as TaggedRow;
    row.person_id = personId;
    for (const c of instants) if (typeof row[c] === 'string') row[c] = new Date(row[c] as string);
    const list = byTag.get(k);
    if (list) list.push(row);
    else byTag.set(k, [row]);
  }
  return (k) => byTag.get(k) ?? [];
}

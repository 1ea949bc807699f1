/**
 * Authority settings and measure commentary. Both tables only grow: the latest row for a key is in force.
 */
import type { Queryable } from '../db/database.js';
import { DEFAULT_DATASET_CONFIG, settingProblem, type DatasetConfig } from '../domain/dataset/config.js';

const KEYS = Object.keys(DEFAULT_DATASET_CONFIG) as (keyof DatasetConfig)[];

export async function loadDatasetConfig(db: Queryable): Promise<DatasetConfig> {
  const rows = await db.query<{ key: string; value: unknown }>(
    `SELECT DISTINCT ON (key) key, value FROM authority_setting ORDER BY key, id DESC`,
  );
  const config: DatasetConfig = { ...DEFAULT_DATASET_CONFIG };
  for (const { key, value } of rows) {
    if ((KEYS as string[]).includes(key)) (config as unknown as Record<string, unknown>)[key] = value;
  }
  if (config.comparatorLaCode === null) {
    const [authority] = await db.query<{ comparator_la_code: string | null }>(
      `SELECT comparator_la_code FROM current_authority ORDER BY id LIMIT 1`,
    );
    config.comparatorLaCode = authority?.comparator_la_code ?? null;
  }
  return config;
}

export async function saveSetting<K extends keyof DatasetConfig>(
  db: Queryable, key: K, value: DatasetConfig[K], actor: string, reason: string,
): Promise<void> {
  if (!KEYS.includes(key)) throw new Error(`Unknown setting "${String(key)}"`);
  const problem = settingProblem(key, value);
  if (problem) throw new Error(problem);
  if (!reason.trim()) throw new Error('A reason is needed to change a setting');
  await db.query(`INSERT INTO authority_setting (key, value, set_by, reason) VALUES ($1, $2::jsonb, $3, $4)`, [
    key, JSON.stringify(value), actor, reason,
  ]);
}

/** The commentary in force for each measure in a month. */
export async function commentaryFor(db: Queryable, month: string): Promise<Map<string, { text: string; by: string; at: Date }>> {
  const rows = await db.query<{ measure_id: string; commentary: string; written_by: string; written_at: Date }>(
    `SELECT DISTINCT ON (measure_id) measure_id, commentary, written_by, written_at
       FROM measure_commentary WHERE month = $1 ORDER BY measure_id, id DESC`,
    [month],
  );
  return new Map(rows.map((r) => [r.measure_id, { text: r.commentary, by: r.written_by, at: r.written_at }]));
}

export async function saveCommentary(db: Queryable, measureId: string, month: string, text: string, actor: string): Promise<void> {
  await db.query(`INSERT INTO measure_commentary (measure_id, month, commentary, written_by) VALUES ($1, $2, $3, $4)`, [
    measureId, month, text, actor,
  ]);
}

/**
 * The database shape of the canonical model, derived from the entity registry.
 *
 * Every entity table keeps every version of every record (nothing is overwritten or deleted):
 *   id, version                  the record and its version (1, 2, ...); primary key together
 *   <data columns>               as the registry describes (a datetime also has <name>_has_time)
 *   deleted                      true on the version that records a deletion (a "tombstone")
 *   recorded_from, recorded_to   when this version became known, and when it stopped being current
 *                                (recorded_to is null for the current version)
 *   recorded_by, change_reason   who made this version, and why
 *   first_recorded_at            when the record was first recorded (version 1's recorded_from)
 *   import_id                    the import that made this version, if any
 * The view current_<table> shows the current, undeleted version of each record.
 *
 * Used to write the initial migration (src/db/migrations/0001_initial.sql) and by the test that checks
 * the migrated database matches the registry. Later changes are new migration files, never edits.
 */
import type { Entity, FieldType } from '../domain/model/schema.js';
import { hasTimeColumn } from '../domain/model/values.js';

export const sqlType: Record<FieldType, string> = {
  id: 'text',
  text: 'text',
  json: 'text',
  int: 'integer',
  number: 'numeric',
  date: 'date',
  datetime: 'timestamptz',
  flag: 'boolean',
};

export const HISTORY_COLUMNS = [
  'deleted',
  'recorded_from',
  'recorded_to',
  'recorded_by',
  'change_reason',
  'first_recorded_at',
  'import_id',
] as const;

/** Column name → SQL type, for an entity's table (data columns, then history columns). */
export function tableColumns(entity: Entity): [string, string][] {
  const cols: [string, string][] = [['id', 'text'], ['version', 'integer']];
  for (const f of entity.fields) {
    cols.push([f.name, sqlType[f.type]]);
    if (f.type === 'datetime') cols.push([hasTimeColumn(f), 'boolean']);
  }
  cols.push(
    ['deleted', 'boolean'],
    ['recorded_from', 'timestamptz'],
    ['recorded_to', 'timestamptz'],
    ['recorded_by', 'text'],
    ['change_reason', 'text'],
    ['first_recorded_at', 'timestamptz'],
    ['import_id', 'integer'],
  );
  return cols;
}

export function entityTableSql(entity: Entity): string {
  const notNull = new Set(['id', 'version', 'deleted', 'recorded_from', 'recorded_by', 'first_recorded_at']);
  const lines = tableColumns(entity).map(([name, type]) => {
    const extra = name === 'deleted' ? ' NOT NULL DEFAULT false' : notNull.has(name) ? ' NOT NULL' : '';
    const ref = name === 'import_id' ? ' REFERENCES import_run (id)' : '';
    return `  ${name} ${type}${extra}${ref}`;
  });
  lines.push('  PRIMARY KEY (id, version)');
  const t = entity.name;
  const out = [
    `-- ${entity.label}${entity.ssdFile ? ` (${entity.ssdFile})` : ''}${entity.extFile ? ` (${entity.extFile})` : ''}`,
    `CREATE TABLE ${t} (\n${lines.join(',\n')}\n);`,
    `CREATE UNIQUE INDEX ${t}_current ON ${t} (id) WHERE recorded_to IS NULL;`,
  ];
  if (entity.person) out.push(`CREATE INDEX ${t}_person ON ${t} (${entity.person});`);
  out.push(`CREATE VIEW current_${t} AS SELECT * FROM ${t} WHERE recorded_to IS NULL AND NOT deleted;`);
  return out.join('\n');
}

import { expect, it } from 'vitest';
import { entities } from '../domain/model/entities.js';
import { forEachEngine } from '../testing/databases.js';
import { tableColumns } from './schema-ddl.js';

const pgType: Record<string, string> = {
  text: 'text', integer: 'integer', numeric: 'numeric', date: 'date', timestamptz: 'timestamp with time zone', boolean: 'boolean',
};

forEachEngine('schema', (use) => {
  it('the migrated database has exactly the tables and columns the entity registry describes', async () => {
    // If this fails after a change to src/domain/model/entities.ts, add a migration for it.
    const db = await use();
    for (const entity of entities) {
      const cols = await db.query<{ column_name: string; data_type: string }>(
        `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`,
        [entity.name],
      );
      expect(cols.map((c) => [c.column_name, c.data_type]), entity.name).toEqual(
        tableColumns(entity).map(([name, type]) => [name, pgType[type]]),
      );
    }
  });
});

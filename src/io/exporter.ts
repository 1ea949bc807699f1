/**
 * `threadline export <dir>`: writes the current records in the import format (SSD files, Threadline
 * extension files, and tl_record_times for records recorded later than their main event), so that
 * import → export → import gives the same records.
 */
import { entities } from '../domain/model/entities.js';
import type { Database } from '../db/database.js';
import { columnList, type VersionRow } from '../db/record-store.js';
import { ExtractWriter } from './extract-writer.js';

const PAGE = 5000;

export interface ExportSummary {
  rows: Record<string, number>;
  seconds: number;
}

export async function exportExtract(
  db: Database,
  dir: string,
  onProgress?: (done: number, total: number, label: string) => void,
): Promise<ExportSummary> {
  const started = Date.now();
  const writer = await ExtractWriter.create(dir);
  try {
    for (const [i, entity] of entities.entries()) {
      onProgress?.(i, entities.length, `Exporting ${entity.label.toLowerCase()}`);
      const cols = columnList(entity);
      let after = '';
      for (;;) {
        // Keyset paging keeps memory flat however large the table.
        const rows = await db.query<VersionRow>(
          `SELECT ${cols} FROM current_${entity.name} WHERE id > $1 ORDER BY id LIMIT ${PAGE}`,
          [after],
        );
        for (const row of rows) await writer.add(entity, row, row.first_recorded_at);
        if (rows.length < PAGE) break;
        after = rows[rows.length - 1]!.id;
      }
    }
    onProgress?.(entities.length, entities.length, 'Export written');
  } finally {
    await writer.close();
  }
  await db.query(`INSERT INTO access_log (actor, action, outcome, detail) VALUES ('export', 'export', 'done', $1)`, [`Export to ${dir}`]);
  return { rows: writer.counts(), seconds: (Date.now() - started) / 1000 };
}

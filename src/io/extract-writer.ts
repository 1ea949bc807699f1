/**
 * Writes canonical records as an extract: for each entity its SSD file and/or Threadline extension file
 * (`<file>.csv`, header row, SSD column names), plus tl_record_times.csv for records recorded later than
 * their main event. Used by the exporter and by the synthetic authority generator alike.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { entities } from '../domain/model/entities.js';
import { fileFields, fileName, type Entity } from '../domain/model/schema.js';
import { formatCell, inferredRecordedAt, type CanonicalRecord } from '../domain/model/values.js';
import { formatSsdDateTime } from '../domain/time/ssd-dates.js';
import { CsvFileWriter } from './csv.js';

export const RECORD_TIMES_FILE = 'tl_record_times';
export const RECORD_TIMES_HEADER = ['rect_table', 'rect_record_id', 'rect_recorded_at'] as const;

/** The file that names an entity's records in tl_record_times (its SSD file if it has one). */
export function primaryFile(entity: Entity): string {
  return (entity.ssdFile ?? entity.extFile)!;
}

export class ExtractWriter {
  private readonly writers = new Map<string, CsvFileWriter>();
  private recordTimes: CsvFileWriter | undefined;


  /** Creates the directory and an (empty, header-only) file for every entity. */
  static async create(dir: string): Promise<ExtractWriter> {
    await mkdir(dir, { recursive: true });
    const w = new ExtractWriter();
    for (const e of entities) {
      for (const file of ['ssd', 'ext'] as const) {
        const name = fileName(e, file);
        if (name) w.writers.set(name, new CsvFileWriter(join(dir, `${name}.csv`), fileFields(e, file).map((f) => f.header)));
      }
    }
    w.recordTimes = new CsvFileWriter(join(dir, `${RECORD_TIMES_FILE}.csv`), RECORD_TIMES_HEADER);
    return w;
  }

  /**
   * Writes one record. `recordedAt` is when it was first recorded; it is written to tl_record_times only
   * when it differs from when the record would otherwise be taken to be known (its main event).
   */
  async add(entity: Entity, record: CanonicalRecord, recordedAt?: Date | null): Promise<void> {
    for (const file of ['ssd', 'ext'] as const) {
      const name = fileName(entity, file);
      if (!name) continue;
      const fields = fileFields(entity, file);
      // An extension row that only repeats the key carries nothing: leave it out.
      if (file === 'ext' && entity.ssdFile && fields.every((f) => f === entity.key || record[f.name] == null)) continue;
      await this.writers.get(name)!.write(fields.map((f) => formatCell(f, record)));
    }
    if (recordedAt && recordedAt.getTime() !== inferredRecordedAt(entity, record).getTime()) {
      await this.recordTimes!.write([primaryFile(entity), String(record.id), formatSsdDateTime(recordedAt, true)]);
    }
  }

  /** Rows written per file. */
  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [name, w] of this.writers) out[name] = w.rows;
    out[RECORD_TIMES_FILE] = this.recordTimes!.rows;
    return out;
  }

  async close(): Promise<void> {
    for (const w of this.writers.values()) await w.close();
    await this.recordTimes!.close();
  }
}

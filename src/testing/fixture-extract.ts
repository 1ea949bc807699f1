/**
 * A small extract that fills every field of every entity (three records each), built from the registry so
 * that a new entity or field is covered without editing the tests. Record 1 has date-times with a time in
 * summer time, record 2 has dates without times, record 3 has a time in the autumn hour that happens twice
 * (its second, GMT, occurrence) with milliseconds.
 */
import { codeLists } from '../domain/codes/code-lists.js';
import { entities } from '../domain/model/entities.js';
import type { Entity, Field } from '../domain/model/schema.js';
import { hasTimeColumn, type CanonicalRecord } from '../domain/model/values.js';
import { ExtractWriter } from '../io/extract-writer.js';

export const FIXTURE_RECORDS = 3;

export function fixtureId(entity: string, n: number): string {
  return `${entity.toUpperCase()}-${n}`;
}

function valueFor(entity: Entity, field: Field, n: number, record: CanonicalRecord): void {
  if (field.ref) {
    const target = field.ref.field;
    record[field.name] = target ? `PERIOD-${n}` : fixtureId(field.ref.entity, n);
    return;
  }
  const codes = field.codes ? Object.keys(codeLists[field.codes]) : null;
  switch (field.type) {
    case 'id':
    case 'text':
      record[field.name] = codes ? codes[n % codes.length]! : field.name === 'cla_id' ? `PERIOD-${n}` : `${field.label}, "quoted", line ${n}${n === 2 ? '\nsecond line' : ''}`;
      break;
    case 'json':
      record[field.name] = codes ? JSON.stringify(codes.slice(n, n + 2)) : JSON.stringify({ note: `${entity.name} ${n}`, items: [n] });
      break;
    case 'int':
      record[field.name] = 10 + n;
      break;
    case 'number':
      record[field.name] = n / 4;
      break;
    case 'flag':
      record[field.name] = n % 2 === 1;
      break;
    case 'date':
      record[field.name] = `2019-0${n + 2}-1${n}`;
      break;
    case 'datetime':
      if (n === 1) record[field.name] = new Date('2019-06-14T08:45:00Z');
      else if (n === 2) record[field.name] = new Date('2019-03-11T00:00:00Z');
      else record[field.name] = new Date('2019-10-27T01:30:15.250Z');
      record[hasTimeColumn(field)] = n !== 2;
      break;
  }
}

export function fixtureRecords(entity: Entity): CanonicalRecord[] {
  const out: CanonicalRecord[] = [];
  for (let n = 1; n <= FIXTURE_RECORDS; n++) {
    const record: CanonicalRecord = { id: fixtureId(entity.name, n) };
    for (const f of entity.fields) valueFor(entity, f, n, record);
    out.push(record);
  }
  return out;
}

/** Writes the fixture extract; record 1 of each entity is marked as recorded a week after its main event. */
export async function writeFixtureExtract(dir: string): Promise<void> {
  const writer = await ExtractWriter.create(dir);
  for (const entity of entities) {
    for (const [i, record] of fixtureRecords(entity).entries()) {
      await writer.add(entity, record, i === 0 ? new Date('2019-06-21T09:00:00Z') : null);
    }
  }
  await writer.close();
}

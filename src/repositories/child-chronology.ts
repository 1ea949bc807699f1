/**
 * One chronology of a child: every version of every record about them, from every service, read by person
 * (the <table>_person indexes), turned into entries by src/domain/chronology. Each view and each export is
 * logged with the filter used.
 */
import type { Queryable } from '../db/database.js';
import {
  applyChronologyFilter,
  buildChronology,
  CHRONOLOGY_ENTITIES,
  describeChronologyFilter,
  type ChronologyEntity,
  type ChronologyEntry,
  type ChronologyFilter,
  type RecordHistory,
  type Row,
} from '../domain/chronology/index.js';
import { getEntity } from '../domain/model/entities.js';
import { logAccess, requireRead, type Viewer } from './viewer.js';

export interface ChronologyPerson {
  id: string;
  forename: string | null;
  surname: string | null;
  dob: string | null;
  expected_dob: string | null;
}

export interface Chronology {
  /** The child; null when there is no such person (and then no entries). */
  person: ChronologyPerson | null;
  /** Entries after the filter, newest first. */
  entries: ChronologyEntry[];
  /** Entries before the filter. */
  total: number;
  /** The filter in words. */
  filterText: string;
}

/** Every record of the child, grouped by record: current (undeleted) ones only, with all their versions. */
async function histories(q: Queryable, entity: ChronologyEntity, personId: string): Promise<RecordHistory[]> {
  const rows = await q.query<Row>(`SELECT * FROM ${entity} WHERE person_id = $1 ORDER BY id, version`, [personId]);
  const out: RecordHistory[] = [];
  let versions: Row[] = [];
  const flush = () => {
    const current = versions.at(-1);
    if (current && current.recorded_to === null && current.deleted !== true) out.push({ current, versions });
    versions = [];
  };
  for (const r of rows) {
    if (versions.length > 0 && versions[0]!.id !== r.id) flush();
    versions.push(r);
  }
  flush();
  return out;
}

const refFields = (entity: ChronologyEntity, target: string) => getEntity(entity).fields.filter((f) => f.ref?.entity === target).map((f) => f.name);

/** The child's chronology with the filter applied, and the child. Checks the viewer may read the child's record. */
export async function childChronology(
  q: Queryable, viewer: Viewer, personId: string, filter: ChronologyFilter, action: 'view' | 'export' = 'view',
): Promise<Chronology> {
  const filterText = describeChronologyFilter(filter);
  await requireRead(q, viewer, { action, entity: 'chronology', personId, detail: filterText });
  const [person] = await q.query<ChronologyPerson>('SELECT id, forename, surname, dob, expected_dob FROM current_person WHERE id = $1', [personId]);
  if (!person) return { person: null, entries: [], total: 0, filterText };
  const records: Partial<Record<ChronologyEntity, RecordHistory[]>> = {};
  const perEntity = await Promise.all(CHRONOLOGY_ENTITIES.map((entity) => histories(q, entity, personId)));
  CHRONOLOGY_ENTITIES.forEach((entity, i) => {
    records[entity] = perEntity[i]!;
  });

  const workerIds = new Set<string>();
  const teamIds = new Set<string>();
  for (const entity of CHRONOLOGY_ENTITIES) {
    const workerFields = refFields(entity, 'worker');
    const teamFields = refFields(entity, 'team');
    for (const h of records[entity] ?? []) {
      for (const f of workerFields) if (typeof h.current[f] === 'string') workerIds.add(h.current[f] as string);
      for (const f of teamFields) if (typeof h.current[f] === 'string') teamIds.add(h.current[f] as string);
    }
  }
  const strategyIds = (records.strategy_discussion ?? []).map((h) => String(h.current.id));
  const assessmentIds = (records.assessment ?? []).map((h) => String(h.current.id));
  const [agencyRows, factorRows, workers, teams] = await Promise.all([
    strategyIds.length === 0 ? [] : q.query<{ strategy_id: string; agency: string; invited: boolean | null; attended: boolean | null }>(
      'SELECT strategy_id, agency, invited, attended FROM current_strategy_agency WHERE strategy_id = ANY($1::text[]) ORDER BY id', [strategyIds]),
    assessmentIds.length === 0 ? [] : q.query<{ assessment_id: string; factors_json: string }>(
      'SELECT assessment_id, factors_json FROM current_assessment_factors WHERE assessment_id = ANY($1::text[]) ORDER BY id', [assessmentIds]),
    workerIds.size === 0 ? [] : q.query<{ id: string; name: string }>('SELECT id, name FROM current_worker WHERE id = ANY($1::text[])', [[...workerIds]]),
    teamIds.size === 0 ? [] : q.query<{ id: string; name: string }>('SELECT id, name FROM current_team WHERE id = ANY($1::text[])', [[...teamIds]]),
  ]);
  const agencies = new Map<string, { agency: string; invited: boolean; attended: boolean }[]>();
  for (const a of agencyRows) {
    const list = agencies.get(a.strategy_id) ?? [];
    list.push({ agency: a.agency, invited: a.invited === true, attended: a.attended === true });
    agencies.set(a.strategy_id, list);
  }
  const factors = new Map<string, string[]>();
  for (const f of factorRows) {
    let codes: unknown;
    try {
      codes = JSON.parse(f.factors_json);
    } catch {
      codes = null;
    }
    const list = Array.isArray(codes) ? codes.map(String) : codes && typeof codes === 'object' ? Object.keys(codes) : [];
    factors.set(f.assessment_id, [...(factors.get(f.assessment_id) ?? []), ...list]);
  }
  const all = buildChronology({
    records, agencies, factors,
    workers: new Map(workers.map((w) => [w.id, w.name])),
    teams: new Map(teams.map((t) => [t.id, t.name])),
  });
  const entries = applyChronologyFilter(all, filter);
  await logAccess(q, viewer, { action, entity: 'chronology', personId, detail: `${filterText}: ${entries.length} of ${all.length} entries${action === 'export' ? ' (PDF)' : ''}` });
  return { person, entries, total: all.length, filterText };
}

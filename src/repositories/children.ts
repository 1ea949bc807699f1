/**
 * Finding a child, adding a person (after checking for possible duplicates), the child's record summary, and
 * adding a significant event to the child's chronology.
 *
 * Names are found by how they sound, by the start of a name and by one slip of a letter, with the indexes of
 * migration 0004 (fuzzystrmatch's double metaphone on both engines). Every search is logged with what was
 * searched for, and each child it shows; every view of a record is logged.
 */
import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../db/database.js';
import { createRecord } from '../db/record-store.js';
import { taggedRows } from '../db/tagged-rows.js';
import { accessDecision, accessRules } from './access.js';
import { ageText } from '../domain/children/age.js';
import type { NewPerson, SignificantEvent } from '../domain/children/forms.js';
import { dobClose, identifierKey, nameTokens } from '../domain/children/search.js';
import type { ChildStatus } from '../domain/children/status.js';
import { codeLabel } from '../domain/codes/code-lists.js';
import { getEntity } from '../domain/model/entities.js';
import { endOfLondonDay, londonDate, longDate } from '../domain/time/london.js';
import { caseloadSettings, loadCaseRecordsWith } from './caseload.js';
import { CLOCK_INSTANTS, clockParams, clockSelects, clocksFrom, type OpenClock } from './child-clocks.js';
import { childrenNow, STATUS_INSTANTS, statusesFrom, statusSelects, type Allocation } from './child-status.js';
import { changeBy, logAccess, requireChange, requireRead, type Viewer } from './viewer.js';

export const SEARCH_LIMIT = 50;

export interface SearchTerms {
  name: string;
  /** A date of birth (or expected date of birth), 'YYYY-MM-DD'. */
  dob: string | null;
  /** A person ID, NHS number, UPN or other identifier. */
  identifier: string;
}

export interface PersonRow {
  id: string;
  forename: string | null;
  surname: string | null;
  dob: string | null;
  expected_dob: string | null;
  death_date: string | null;
}

export interface SearchResult {
  personId: string;
  /** Why the details are not shown: a restricted record, or one outside the viewer's access; null if shown. */
  hidden: 'restricted' | 'outside' | null;
  name: string;
  dob: string | null;
  expectedDob: string | null;
  age: string;
  status: { label: string; tag: string };
  worker: string | null;
  team: string | null;
}

export const fullName = (p: { forename: string | null; surname: string | null }, id: string): string =>
  [p.forename, p.surname].filter(Boolean).join(' ') || `Person ${id}`;

const PERSON_COLUMNS = 'p.id, p.forename, p.surname, p.dob, p.expected_dob, p.death_date';

/**
 * The people matching the terms (every term given must match), closest names first; at most `limit`.
 * No access check or logging: callers do both.
 */
export async function matchPeople(q: Queryable, terms: SearchTerms, limit: number): Promise<PersonRow[]> {
  const tokens = nameTokens(terms.name);
  const params: unknown[] = [];
  const param = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where: string[] = [];
  let score = '';
  let from = 'current_person p';
  let candidates = '';
  if (tokens.length > 0) {
    const t = param(tokens);
    // Candidates from the indexes: a name part that sounds like a term, starts with it, or (the surname) is one
    // letter away from it. Then every term must match some part of the name; the closest first (the same name,
    // then one that sounds the same, then one that starts with the term, then a slip of a letter).
    // Each branch reads the people it finds straight from an index, with their columns, so the score below is
    // worked out for these candidates only, whatever the planner's statistics say (PGlite has no autovacuum).
    const cols = 'id, forename, surname, dob, expected_dob, death_date';
    const branches = [`SELECT ${cols} FROM current_person WHERE tl_name_keys(forename, surname) && ARRAY(SELECT dmetaphone(x) FROM unnest(${t}::text[]) x)`];
    for (const token of tokens) {
      const prefix = param(`${token}%`);
      branches.push(`SELECT ${cols} FROM current_person WHERE lower(surname) LIKE ${prefix}`);
      branches.push(`SELECT ${cols} FROM current_person WHERE lower(forename) LIKE ${prefix}`);
      if (token.length >= 4) {
        branches.push(`SELECT ${cols} FROM current_person WHERE lower(surname) LIKE ${param(`${token.slice(0, 2)}%`)} AND levenshtein(lower(surname), ${param(token)}) <= 1`);
      }
    }
    candidates = `WITH c AS MATERIALIZED (${branches.join(' UNION ')})`;
    from = 'c p';
    score = `(SELECT sum((SELECT coalesce(min(CASE
        WHEN w = x THEN 0
        WHEN dmetaphone(w) = dmetaphone(x) OR dmetaphone_alt(w) = dmetaphone(x) THEN 1
        WHEN w LIKE x || '%' THEN 2
        WHEN length(x) >= 4 AND levenshtein(w, x) <= 1 THEN 3
        ELSE 100 END), 100) FROM unnest(tl_name_parts(p.forename, p.surname)) w)) FROM unnest(${t}::text[]) x)`;
  }
  if (terms.dob) {
    const dob = param(terms.dob);
    where.push(`(p.dob = ${dob} OR p.expected_dob = ${dob})`);
  }
  if (terms.identifier) {
    where.push(`(p.id = ${param(terms.identifier)} OR p.id IN (SELECT person_id FROM current_person_identifier WHERE tl_identifier_key(value) = ${param(identifierKey(terms.identifier))}))`);
  }
  if (tokens.length === 0 && where.length === 0) return [];
  const filter = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  const sql = tokens.length > 0
    ? `${candidates} SELECT * FROM (SELECT ${PERSON_COLUMNS}, ${score} AS score FROM ${from}${filter}) x
        WHERE score < 100 ORDER BY score, lower(surname), lower(forename), dob NULLS LAST, id LIMIT ${param(limit)}`
    : `SELECT ${PERSON_COLUMNS}, 0 AS score FROM ${from}${filter} ORDER BY lower(surname), lower(forename), dob NULLS LAST, id LIMIT ${param(limit)}`;
  return q.query<PersonRow>(sql, params);
}

/** Which of these people the viewer may not see: restricted records (not named, no emergency access) and, where the viewer's reading scope is narrower than the authority, records outside it. */
async function hiddenFrom(q: Queryable, viewer: Viewer, ids: readonly string[]): Promise<Map<string, 'restricted' | 'outside'>> {
  const out = new Map<string, 'restricted' | 'outside'>();
  if (ids.length === 0) return out;
  const rules = await accessRules(q);
  if (rules[viewer.role].read === 'authority') {
    const rows = await q.query<{ person_id: string }>(
      `SELECT r.person_id FROM restricted_record r
        WHERE r.person_id = ANY($1::text[]) AND r.lifted_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM restricted_user u WHERE u.restriction_id = r.id AND u.username = $2 AND u.removed_at IS NULL)
          AND NOT EXISTS (SELECT 1 FROM break_glass b WHERE b.person_id = r.person_id AND b.username = $2 AND b.expires_at > now())`,
      [[...ids], viewer.username]);
    for (const r of rows) out.set(r.person_id, 'restricted');
    return out;
  }
  for (const id of ids) {
    const decision = await accessDecision(q, viewer, 'read', id);
    if (!decision.allowed) out.set(id, decision.breakGlass ? 'restricted' : 'outside');
  }
  return out;
}

/** Logs that each of these children was shown to the viewer (one row each, one statement). */
async function logShown(q: Queryable, viewer: Viewer, ids: readonly string[], detail: string): Promise<void> {
  if (ids.length === 0) return;
  await q.query(
    `INSERT INTO access_log (actor, action, entity, record_id, person_id, outcome, detail)
     SELECT $1, 'view', 'person', x, x, 'allowed', $3 FROM unnest($2::text[]) x`,
    [viewer.username, [...ids], detail]);
}

function describeTerms(terms: SearchTerms): string {
  return [
    terms.name && `name "${terms.name}"`,
    terms.dob && `date of birth ${terms.dob}`,
    terms.identifier && `identifier "${terms.identifier}"`,
  ].filter(Boolean).join(', ');
}

/** Results for people the viewer may see, with their status and worker; hidden ones with nothing but their ID. */
async function describePeople(q: Queryable, viewer: Viewer, people: readonly PersonRow[], today: string): Promise<SearchResult[]> {
  const hidden = await hiddenFrom(q, viewer, people.map((p) => p.id));
  const shown = people.filter((p) => !hidden.has(p.id));
  const now = await childrenNow(q, shown.map((p) => ({ id: p.id, dob: p.dob, deathDate: p.death_date })), today);
  return people.map((p) => {
    const why = hidden.get(p.id) ?? null;
    if (why) {
      return {
        personId: p.id, hidden: why, name: why === 'restricted' ? 'Restricted record' : 'Record outside your access', dob: null, expectedDob: null, age: '',
        status: { label: 'Not shown', tag: 'govuk-tag--grey' }, worker: null, team: null,
      };
    }
    const n = now.get(p.id);
    return {
      personId: p.id, hidden: null, name: fullName(p, p.id), dob: p.dob, expectedDob: p.expected_dob,
      age: ageText(p.dob, p.expected_dob, today, p.death_date), status: n?.primary ?? { label: '', tag: '' },
      worker: n?.caseHolder?.workerName ?? null, team: n?.caseHolder?.teamName ?? null,
    };
  });
}

/** Finds children by name (tolerant of spelling), date of birth and identifier. Logged. */
export async function findChildren(q: Queryable, viewer: Viewer, terms: SearchTerms, today = londonDate(new Date())): Promise<{ results: SearchResult[]; more: boolean }> {
  const what = describeTerms(terms);
  await requireRead(q, viewer, { action: 'search', entity: 'person', detail: what });
  const people = await matchPeople(q, terms, SEARCH_LIMIT + 1);
  const more = people.length > SEARCH_LIMIT;
  const page = people.slice(0, SEARCH_LIMIT);
  const results = await describePeople(q, viewer, page, today);
  await logAccess(q, viewer, { action: 'search', entity: 'person', detail: `${what}: ${page.length}${more ? '+' : ''} found` });
  await logShown(q, viewer, results.filter((r) => !r.hidden).map((r) => r.personId), `in search results for ${what}`);
  return { results, more };
}

/**
 * People who may be the same as the one about to be added: a similar name (each part sounding like, starting
 * like or one letter from the one given) and a close date of birth or expected date of birth (see dobClose),
 * and unborn or unnamed babies with the same surname and a close expected date. Logged as a search.
 */
export async function possibleDuplicates(q: Queryable, viewer: Viewer, person: NewPerson, today = londonDate(new Date())): Promise<SearchResult[]> {
  const name = [person.forename, person.surname].filter(Boolean).join(' ');
  const what = `possible duplicates of ${name}, ${person.dob ? `born ${person.dob}` : `expected ${person.expectedDob}`}`;
  await requireRead(q, viewer, { action: 'search', entity: 'person', detail: what });
  const given = person.dob ?? person.expectedDob!;
  const [byName, bySurname] = await Promise.all([
    matchPeople(q, { name, dob: null, identifier: '' }, 500),
    matchPeople(q, { name: person.surname, dob: null, identifier: '' }, 500),
  ]);
  const babyName = (p: PersonRow) => p.forename === null || /^(baby|unborn|infant)$/i.test(p.forename.trim());
  const seen = new Set<string>();
  const matches: PersonRow[] = [];
  for (const p of [...byName, ...bySurname.filter(babyName)]) {
    if (seen.has(p.id)) continue;
    seen.add(p.id);
    const held = p.dob ?? p.expected_dob;
    if (dobClose(held, given) || (p.expected_dob !== null && dobClose(p.expected_dob, given))) matches.push(p);
  }
  const list = matches.slice(0, 20);
  const results = await describePeople(q, viewer, list, today);
  await logAccess(q, viewer, { action: 'search', entity: 'person', detail: `${what}: ${list.length} found` });
  await logShown(q, viewer, results.filter((r) => !r.hidden).map((r) => r.personId), `possible duplicate of a new person`);
  return results;
}

/** Adds a person; returns their new ID. */
export async function addPerson(db: Database, viewer: Viewer, person: NewPerson): Promise<string> {
  await requireChange(db, viewer, { action: 'create', entity: 'person', detail: 'add a person' });
  const id = `PER-${randomUUID()}`;
  const entity = getEntity('person');
  const record: Record<string, string | null | boolean> = { id };
  for (const f of entity.fields) record[f.name] = null;
  Object.assign(record, {
    forename: person.forename, surname: person.surname, dob: person.dob, expected_dob: person.expectedDob,
    sex: person.sex, gender: person.gender, ethnicity: person.ethnicity,
  });
  await db.transaction((tx) => createRecord(tx, entity, record, changeBy(viewer, 'Person added after a duplicate check')));
  return id;
}

export interface KeyPerson {
  personId: string;
  name: string;
  age: string;
  /** How they are related to the child: "Mother (has parental responsibility)", "Family member". */
  relationships: string[];
  /** Whether the child can open their record (not restricted from this viewer). */
  hidden: boolean;
}

export interface Agency {
  name: string;
  /** How they have been involved: "Invited to 3 strategy discussions, attended 2". */
  involvement: string;
  latest: string | null;
}

/** The person a record is about, as its pages show them. */
export type RecordPerson = PersonRow & { sex: string | null; gender: string | null; ethnicity: string | null };

export interface ChildRecord {
  person: RecordPerson;
  name: string;
  age: string;
  sexLabel: string;
  ethnicityLabel: string;
  identifiers: { type: string; value: string }[];
  statuses: ChildStatus[];
  primary: { label: string; tag: string };
  caseHolder: Allocation | null;
  allocations: Allocation[];
  keyPeople: KeyPerson[];
  agencies: Agency[];
}

/** The record's person ($1 the child's id). */
const RECORD_PERSON_SQL = `SELECT ${PERSON_COLUMNS}, p.sex, p.gender, p.ethnicity FROM current_person p WHERE p.id = $1`;

/** The record's person, or null if there is none. Checks access (and logs a refusal) first. */
export async function childPerson(q: Queryable, viewer: Viewer, personId: string): Promise<RecordPerson | null> {
  await requireRead(q, viewer, { action: 'view', entity: 'person', recordId: personId, personId });
  const [p] = await q.query<RecordPerson>(RECORD_PERSON_SQL, [personId]);
  return p ?? null;
}

/** Labels for a relationship recorded on another person's record that names this child. */
const REVERSE: Record<string, string> = {
  MOTHER: 'Their child', FATHER: 'Their child', SIBLING: 'Sibling', STEPPARENT: 'Stepchild', GRANDPARENT: 'Grandchild',
  CARER: 'Looked after by this person', PARTNER: 'Child of their partner', OTHER: 'Other relative or friend',
};

type Rel = PersonRow & { relationship: string | null; pr: boolean | null; end_date: string | null; how: string };

/** The people related to the child (`person` is the parameter holding the child's id): recorded both ways, mother, children, family. */
function keyPeopleSql(person: string): string {
  return `SELECT ${PERSON_COLUMNS}, r.relationship, r.parental_responsibility AS pr, r.end_date, 'recorded' AS how
         FROM current_relationship r JOIN current_person p ON p.id = r.related_person_id WHERE r.person_id = ${person}
       UNION ALL
       SELECT ${PERSON_COLUMNS}, r.relationship, NULL, r.end_date, 'reverse'
         FROM current_relationship r JOIN current_person p ON p.id = r.person_id WHERE r.related_person_id = ${person}
       UNION ALL
       SELECT ${PERSON_COLUMNS}, 'MOTHER', NULL, NULL, 'mother'
         FROM current_mother m JOIN current_person p ON p.id = m.person_id WHERE m.child_person_id = ${person}
       UNION ALL
       SELECT ${PERSON_COLUMNS}, NULL, NULL, NULL, 'child'
         FROM current_mother m JOIN current_person p ON p.id = m.child_person_id WHERE m.person_id = ${person}
       UNION ALL
       SELECT ${PERSON_COLUMNS}, NULL, NULL, NULL, 'family'
         FROM current_family f JOIN current_family o ON o.family_id = f.family_id AND o.person_id <> f.person_id
         JOIN current_person p ON p.id = o.person_id WHERE f.person_id = ${person}`;
}

/** The key people from the rows of keyPeopleSql, with those hidden from the viewer (restricted or outside their access) named as such. */
function keyPeopleFrom(rows: readonly Rel[], hidden: Map<string, 'restricted' | 'outside'>, today: string): KeyPerson[] {
  const byId = new Map<string, { row: Rel; labels: string[] }>();
  for (const r of rows) {
    let text: string;
    if (r.how === 'recorded') {
      text = codeLabel('relationship', r.relationship ?? 'OTHER');
      if (r.pr === true) text += ' (has parental responsibility)';
    } else if (r.how === 'reverse') text = REVERSE[r.relationship ?? 'OTHER'] ?? 'Related person';
    else if (r.how === 'mother') text = 'Mother';
    else if (r.how === 'child') text = 'Their child';
    else text = 'Family member';
    if (r.end_date !== null && r.end_date <= today) text += ` (until ${longDate(r.end_date)})`;
    const entry = byId.get(r.id) ?? { row: r, labels: [] };
    if (!entry.labels.includes(text)) entry.labels.push(text);
    byId.set(r.id, entry);
  }
  const order = (labels: string[]) => (labels.some((l) => l.startsWith('Mother') || l.startsWith('Father')) ? 0 : labels.includes('Family member') && labels.length === 1 ? 2 : 1);
  return [...byId.values()]
    .map(({ row, labels }) => {
      // "Family member" adds nothing when a closer relationship is known; nor "Mother" beside "Mother (has parental responsibility)".
      const rel = (labels.length > 1 ? labels.filter((l) => l !== 'Family member') : labels)
        .filter((l, _i, all) => !all.some((other) => other !== l && other.startsWith(`${l} (`)));
      const isHidden = hidden.has(row.id);
      return {
        personId: row.id, name: isHidden ? 'Restricted record' : fullName(row, row.id),
        age: isHidden ? '' : ageText(row.dob, row.expected_dob, today, row.death_date), relationships: rel, hidden: isHidden,
      };
    })
    .sort((a, b) => order(a.relationships) - order(b.relationships) || a.name.localeCompare(b.name));
}

type StrategyAgency = { agency: string; invited: number; attended: number; latest: Date };
type ContactSource = { source: string | null; source_desc: string | null; n: number; latest: Date };
type CurrentPlacement = { provider_name: string | null; provider: string | null; placement_type: string; start_date: string };
type EarlyHelpNow = { organisation: string; start_date: string };

/**
 * The agencies' queries: strategy discussions, contacts' sources, the current placement, early help now. Each is
 * ordered completely (agencies at the same discussion share its date), so both engines list them alike.
 */
function agencySql(person: string, today: string): [string, string, string, string] {
  return [
    `SELECT a.agency, count(*) FILTER (WHERE a.invited) AS invited, count(*) FILTER (WHERE a.attended) AS attended, max(s.held_at) AS latest
       FROM current_strategy_discussion s JOIN current_strategy_agency a ON a.strategy_id = s.id
      WHERE s.person_id = ${person} GROUP BY a.agency ORDER BY max(s.held_at) DESC, a.agency`,
    `SELECT source, min(source_desc) AS source_desc, count(*) AS n, max(received_at) AS latest FROM current_contact
      WHERE person_id = ${person} GROUP BY source ORDER BY max(received_at) DESC, source`,
    `SELECT provider_name, provider, placement_type, start_date FROM current_placement
      WHERE person_id = ${person} AND start_date <= ${today} AND (end_date IS NULL OR end_date > ${today}) ORDER BY start_date DESC, id LIMIT 1`,
    `SELECT organisation, start_date FROM current_early_help_episode
      WHERE person_id = ${person} AND organisation IS NOT NULL AND start_date <= ${today} AND (end_date IS NULL OR end_date > ${today})
      ORDER BY start_date DESC, organisation`,
  ];
}

function agenciesFrom(
  strategy: readonly StrategyAgency[], sources: readonly ContactSource[], placement: readonly CurrentPlacement[], earlyHelp: readonly EarlyHelpNow[],
): Agency[] {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  const out: Agency[] = [];
  for (const p of placement) {
    out.push({ name: p.provider_name ?? p.provider ?? codeLabel('placementType', p.placement_type), involvement: `Current placement (${codeLabel('placementType', p.placement_type).toLowerCase()})`, latest: p.start_date });
  }
  for (const e of earlyHelp) out.push({ name: e.organisation, involvement: 'Early help now', latest: e.start_date });
  for (const a of strategy) {
    out.push({
      name: codeLabel('agency', a.agency),
      involvement: `Invited to ${plural(Number(a.invited), 'strategy discussion')}, attended ${Number(a.attended)}`,
      latest: londonDate(a.latest),
    });
  }
  for (const s of sources) {
    const label = s.source ? codeLabel('referralSource', s.source) : s.source_desc ?? 'Source not recorded';
    out.push({ name: label, involvement: `Raised ${plural(Number(s.n), 'contact')}`, latest: londonDate(s.latest) });
  }
  return out;
}

/** The child's record summary (status, workers, key people, agencies); null if there is no such person. Logged. */
export async function childRecord(q: Queryable, viewer: Viewer, personId: string, today = londonDate(new Date())): Promise<ChildRecord | null> {
  return (await childRecordPage(q, viewer, personId, endOfLondonDay(today)))?.record ?? null;
}

/**
 * The child's record summary and the clocks running on their case (src/repositories/child-clocks.ts) as at
 * `now`; null if there is no such person. Checks access (and logs a refusal) first; logs the view. After the
 * access check, everything is read in two statements (src/db/tagged-rows.ts), then whether the key people are
 * hidden from the viewer.
 */
export async function childRecordPage(q: Queryable, viewer: Viewer, personId: string, now = new Date()): Promise<{ record: ChildRecord; clocks: OpenClock[] } | null> {
  const today = londonDate(now);
  // The authority's settings are not the child's data: read while the access is checked.
  const [, settings] = await Promise.all([
    requireRead(q, viewer, { action: 'view', entity: 'person', recordId: personId, personId }),
    caseloadSettings(q),
  ]);
  // Two statements, side by side on a server: the case records with the clocks' rows (parameters $1-$4 the case
  // records', $5-$8 the clocks'), and the summary's rows ($1 the child, $2 today).
  const tagged = (k: string, sql: string) => `SELECT '${k}' AS k, $1::text AS person_id, row_to_json(x) AS r FROM (${sql}) x`;
  const [strategySql, sourcesSql, placementSql, earlyHelpSql] = agencySql('$1', '$2');
  const [{ records, more: clockRows }, kind] = await Promise.all([
    loadCaseRecordsWith(q, [personId], today, settings, {
      selects: clockSelects({ person: '$5', now: '$6', since: '$7', roles: '$8' }), params: clockParams(personId, now, settings), instants: CLOCK_INSTANTS,
    }),
    taggedRows(q, [
      tagged('person', RECORD_PERSON_SQL),
      tagged('identifiers', `SELECT identifier_type, value FROM current_person_identifier
        WHERE person_id = $1 AND (valid_to IS NULL OR valid_to > $2) ORDER BY identifier_type, value`),
      ...statusSelects('person_id = $1', '$2'),
      tagged('people', keyPeopleSql('$1')),
      tagged('agency:strategy', strategySql), tagged('agency:sources', sourcesSql), tagged('agency:placement', placementSql), tagged('agency:earlyHelp', earlyHelpSql),
    ], [personId, today], [...STATUS_INSTANTS, 'latest']),
  ]);
  const [found] = kind('person');
  if (!found) return null;
  const { person_id: _tag, ...person } = found as unknown as RecordPerson & { person_id: string };
  const rows = <T>(k: string) => kind(k) as unknown as T[];
  const related = rows<Rel>('people');
  const [hidden] = await Promise.all([
    hiddenFrom(q, viewer, [...new Set(related.map((r) => r.id))]),
    logAccess(q, viewer, { action: 'view', entity: 'person', recordId: personId, personId, detail: 'record summary' }),
  ]);
  const n = statusesFrom(kind, [{ id: person.id, dob: person.dob, deathDate: person.death_date }], today).get(person.id)!;
  const record: ChildRecord = {
    person, name: fullName(person, person.id), age: ageText(person.dob, person.expected_dob, today, person.death_date),
    sexLabel: codeLabel('sex', person.sex), ethnicityLabel: codeLabel('ethnicity', person.ethnicity),
    identifiers: rows<{ identifier_type: string; value: string }>('identifiers').map((i) => ({ type: codeLabel('identifierType', i.identifier_type), value: i.value })),
    statuses: n.statuses, primary: n.primary, caseHolder: n.caseHolder, allocations: n.allocations,
    keyPeople: keyPeopleFrom(related, hidden, today),
    agencies: agenciesFrom(rows<StrategyAgency>('agency:strategy'), rows<ContactSource>('agency:sources'), rows<CurrentPlacement>('agency:placement'),
      rows<EarlyHelpNow>('agency:earlyHelp')),
  };
  return { record, clocks: clocksFrom(records.get(personId), clockRows, personId, now, settings) };
}

/** Adds a significant event to the child's chronology; returns its ID. */
export async function addSignificantEvent(db: Database, viewer: Viewer, personId: string, event: SignificantEvent): Promise<string> {
  await requireChange(db, viewer, { action: 'create', entity: 'significant_event', personId });
  const id = `SIG-${randomUUID()}`;
  await db.transaction((tx) => createRecord(tx, getEntity('significant_event'), {
    id, person_id: personId, event_at: event.at, event_at_has_time: event.hasTime, title: event.title, description: event.description,
    source: event.source, worker_id: viewer.workerId,
  }, changeBy(viewer, 'Significant event added by hand')));
  return id;
}

/** The child a significant event is being added for, after checking the viewer may change their record; null if there is no such person. */
export async function significantEventContext(q: Queryable, viewer: Viewer, personId: string): Promise<PersonRow | null> {
  const person = await childPerson(q, viewer, personId);
  if (!person) return null;
  await requireChange(q, viewer, { action: 'create', entity: 'significant_event', personId, detail: 'add a significant event (form)' });
  await logAccess(q, viewer, { action: 'view', entity: 'person', recordId: personId, personId, detail: 'name, on the significant event form' });
  return person;
}

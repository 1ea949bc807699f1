/**
 * Canonical values of fields, and their text form in extracts. Pure functions.
 *
 * In memory (and to and from the database) a record is a plain object keyed by field name:
 *   id, text, json -> string        int, number -> number (numbers read from the database may be strings)
 *   date -> "YYYY-MM-DD"            datetime -> Date, with `<name>_has_time` false when only a date was given
 *   flag -> boolean                 missing -> null
 */
import { codeLists, isCode, type CodeList } from '../codes/code-lists.js';
import { startOfLondonDay } from '../time/london.js';
import { formatSsdDateTime, parseSsdDate, parseSsdDateTime } from '../time/ssd-dates.js';
import type { Entity, Field } from './schema.js';

export type FieldValue = string | number | boolean | Date | null;
export type CanonicalRecord = Record<string, FieldValue>;

export function hasTimeColumn(field: Field): string {
  return `${field.name}_has_time`;
}


/**
 * Reads one cell into `out` (the field's value, and for a date-time its has-time companion).
 * Returns an error message in plain English, or null.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether a parsed JSON value holds a string PostgreSQL cannot store (NUL, or half of a surrogate pair). */
function unstorableJson(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000') || LONE_SURROGATE.test(value);
  if (Array.isArray(value)) return value.some(unstorableJson);
  if (value && typeof value === 'object') return Object.entries(value).some(([k, v]) => unstorableJson(k) || unstorableJson(v));
  return false;
}

export function parseCell(field: Field, raw: string, out: CanonicalRecord): string | null {
  if (raw.includes('\u0000')) return `${field.header} contains a NUL character, which cannot be stored`;
  const text = raw.trim();
  if (text === '') {
    out[field.name] = null;
    if (field.type === 'datetime') out[hasTimeColumn(field)] = null;
    return field.required ? `${field.header} is required` : null;
  }
  switch (field.type) {
    case 'id':
    case 'text':
      if (field.codes && !isCode(field.codes, text)) return unknownCode(field, text);
      out[field.name] = text;
      return null;
    case 'json': {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return `${field.header} is not valid JSON`;
      }
      if (unstorableJson(parsed)) return `${field.header} contains a NUL character or a broken Unicode character, which cannot be stored`;
      if (field.codes) {
        const codes = Array.isArray(parsed) ? parsed : parsed && typeof parsed === 'object' ? Object.keys(parsed) : null;
        if (!codes) return `${field.header} must be a JSON list of codes`;
        for (const c of codes) if (typeof c !== 'string' || !isCode(field.codes, c)) return unknownCode(field, String(c));
      }
      out[field.name] = raw;
      return null;
    }
    case 'int':
      if (!/^-?\d+$/.test(text)) return `${field.header} must be a whole number, not "${text}"`;
      out[field.name] = Number(text);
      return null;
    case 'number':
      if (!/^-?(\d+\.?\d*|\.\d+)$/.test(text)) return `${field.header} must be a number, not "${text}"`;
      out[field.name] = Number(text);
      return null;
    case 'flag': {
      const v = text.toUpperCase();
      if (v === 'Y' || v === '1' || v === 'TRUE') out[field.name] = true;
      else if (v === 'N' || v === '0' || v === 'FALSE') out[field.name] = false;
      else return `${field.header} must be Y or N, not "${text}"`;
      return null;
    }
    case 'date': {
      const d = parseSsdDate(text);
      if (typeof d !== 'string') return `${field.header}: ${d.error}`;
      out[field.name] = d;
      return null;
    }
    case 'datetime': {
      const p = parseSsdDateTime(text);
      if ('error' in p) return `${field.header}: ${p.error}`;
      out[field.name] = p.instant;
      out[hasTimeColumn(field)] = p.hasTime;
      return null;
    }
  }
}

function unknownCode(field: Field, code: string): string {
  const list = codeLists[field.codes!] as CodeList;
  const known = Object.keys(list);
  const shown = known.length <= 25 ? `: expected one of ${known.join(', ')}` : '';
  return `${field.header} has unknown code "${code}"${shown}`;
}

/** The text of a field in an extract. */
export function formatCell(field: Field, record: CanonicalRecord): string {
  const v = record[field.name];
  if (v === null || v === undefined) return '';
  switch (field.type) {
    case 'flag':
      return v ? 'Y' : 'N';
    case 'datetime': {
      const d = v instanceof Date ? v : new Date(String(v));
      return formatSsdDateTime(d, record[hasTimeColumn(field)] !== false);
    }
    case 'date':
      return v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
    case 'int':
    case 'number':
      return formatNumber(v);
    default:
      return String(v);
  }
}

function formatNumber(v: FieldValue): string {
  const s = String(v);
  // Numbers read back from PostgreSQL numeric columns keep trailing zeros ("0.50"): write the plain form.
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/**
 * The canonical text of a record's data: two records hold the same data exactly when their signatures are
 * equal (used to decide whether an import changes a record).
 */
export function recordSignature(entity: Entity, record: CanonicalRecord): string {
  let sig = String(record.id ?? '');
  for (const f of entity.fields) sig += '\u0001' + formatCell(f, record);
  return sig;
}

/** The database columns of an entity's data (not the history columns), with each field's companion columns. */
export function dataColumns(entity: Entity): string[] {
  const cols: string[] = ['id'];
  for (const f of entity.fields) {
    cols.push(f.name);
    if (f.type === 'datetime') cols.push(hasTimeColumn(f));
  }
  return cols;
}

/**
 * Records that do not say when they were recorded, and have no main event to go by (people, teams ...),
 * are known "since ever": from this instant.
 */
export const KNOWN_SINCE_EVER = new Date('1900-01-01T00:00:00Z');

/**
 * When a record is taken to have been recorded if the extract does not say: the time of its main event
 * (the start of the London day for a date), or KNOWN_SINCE_EVER (settled detail 16 of the measures).
 */
export function inferredRecordedAt(entity: Entity, record: CanonicalRecord): Date {
  const v = entity.mainEvent ? record[entity.mainEvent] : null;
  if (v === null || v === undefined) return KNOWN_SINCE_EVER;
  if (v instanceof Date) return v;
  return startOfLondonDay(String(v));
}

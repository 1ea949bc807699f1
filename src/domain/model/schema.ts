/**
 * How an entity of the canonical model is described: its table, its fields, and how each field is read
 * from and written to an extract (an SSD file, or a Threadline extension file in the same style).
 * Pure data; the importer, exporter, migrations and synthetic generator are all driven by it.
 */
import type { CodeListName } from '../codes/code-lists.js';

export type FieldType =
  | 'id' // text identifier (the key, or a reference to another entity's key)
  | 'text'
  | 'int'
  | 'number'
  | 'date' // a calendar date (Europe/London)
  | 'datetime' // an instant; extracts may give a date alone, remembered in `<name>_has_time`
  | 'flag' // Y / N
  | 'json'; // JSON text, kept exactly as given

export interface FieldRef {
  entity: string;
  /** The referenced field; the entity's key when omitted. */
  field?: string;
}

export interface Field {
  /** Column name in the database (snake_case, readable). */
  name: string;
  /** Column header in the extract file. */
  header: string;
  /** Which of the entity's files holds the column. */
  file: 'ssd' | 'ext';
  type: FieldType;
  required: boolean;
  /** For text: the code list its value must come from. For json: a list of codes from it. */
  codes?: CodeListName;
  ref?: FieldRef;
  label: string;
}

export interface Entity {
  /** Table name in the database. */
  name: string;
  label: string;
  /** The SSD file (table) this entity is read from, if the SSD has it. */
  ssdFile?: string;
  /** The Threadline extension file: extra columns for an SSD table, or a whole entity the SSD lacks. */
  extFile?: string;
  /** The key field (always named `id` in the database). */
  key: Field;
  fields: Field[];
  /** The field holding when the main event happened: a record without a recorded time is known from it. */
  mainEvent?: string;
  /** The field naming the child (person) the record belongs to, for child-level records. */
  person?: string;
}

type FieldSpec = [name: string, header: string, type: FieldType, opts?: FieldOpts];
interface FieldOpts {
  req?: boolean;
  codes?: CodeListName;
  ref?: string | FieldRef;
  label?: string;
}

function toField(spec: FieldSpec, file: 'ssd' | 'ext'): Field {
  const [name, header, type, opts = {}] = spec;
  const ref = typeof opts.ref === 'string' ? { entity: opts.ref } : opts.ref;
  return {
    name,
    header,
    file,
    type,
    required: opts.req ?? false,
    ...(opts.codes ? { codes: opts.codes } : {}),
    ...(ref ? { ref } : {}),
    label: opts.label ?? humanise(name),
  };
}

function humanise(name: string): string {
  const s = name.replace(/_id$/, '').replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export interface EntitySpec {
  name: string;
  label: string;
  ssdFile?: string;
  extFile?: string;
  /** Header of the key column (shared by the SSD file and its extension file). */
  key: string;
  ssd?: FieldSpec[];
  ext?: FieldSpec[];
  mainEvent?: string;
  person?: string;
}

/** Column names the record history uses; no field may take them. */
export const RESERVED_COLUMNS = [
  'id', 'version', 'deleted', 'recorded_from', 'recorded_to', 'recorded_by', 'change_reason', 'first_recorded_at', 'import_id',
] as const;

export function defineEntity(spec: EntitySpec): Entity {
  const names = new Set<string>();
  for (const [name] of [...(spec.ssd ?? []), ...(spec.ext ?? [])]) {
    if ((RESERVED_COLUMNS as readonly string[]).includes(name) || names.has(name) || name.endsWith('_has_time')) {
      throw new Error(`Entity ${spec.name}: field name "${name}" is reserved or repeated`);
    }
    names.add(name);
  }
  const keyFile = spec.ssdFile ? 'ssd' : 'ext';
  const key = toField(['id', spec.key, 'id', { req: true, label: 'Identifier' }], keyFile);
  const fields = [
    ...(spec.ssd ?? []).map((f) => toField(f, 'ssd')),
    ...(spec.ext ?? []).map((f) => toField(f, 'ext')),
  ];
  return {
    name: spec.name,
    label: spec.label,
    ...(spec.ssdFile ? { ssdFile: spec.ssdFile } : {}),
    ...(spec.extFile ? { extFile: spec.extFile } : {}),
    key,
    fields,
    ...(spec.mainEvent ? { mainEvent: spec.mainEvent } : {}),
    ...(spec.person ? { person: spec.person } : {}),
  };
}

/** The columns of a file of an entity, in order, key first. */
export function fileFields(entity: Entity, file: 'ssd' | 'ext'): Field[] {
  return [entity.key, ...entity.fields.filter((f) => f.file === file)];
}

export function fileName(entity: Entity, file: 'ssd' | 'ext'): string | undefined {
  return file === 'ssd' ? entity.ssdFile : entity.extFile;
}

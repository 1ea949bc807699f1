/**
 * The file-by-file reference of docs/data-format.md, rendered from the entity registry so the document
 * always matches the code (a test compares them; `npm run docs` rewrites the section).
 */
import { codeLists } from '../domain/codes/code-lists.js';
import { entities } from '../domain/model/entities.js';
import { fileFields, type Entity, type Field } from '../domain/model/schema.js';
import { RECORD_TIMES_FILE } from './extract-writer.js';

export const BEGIN = '<!-- BEGIN GENERATED REFERENCE (npm run docs) -->';
export const END = '<!-- END GENERATED REFERENCE -->';

const typeText: Record<Field['type'], string> = {
  id: 'identifier',
  text: 'text',
  json: 'JSON text',
  int: 'whole number',
  number: 'number',
  date: 'date',
  datetime: 'date and time (time optional)',
  flag: 'Y / N',
};

function describe(entity: Entity, f: Field): string {
  const parts = [typeText[f.type]];
  if (f === entity.key) parts.push('key, unique');
  if (f.required && f !== entity.key) parts.push('required');
  if (f.codes) parts.push(`${f.type === 'json' ? 'list of codes' : 'code'}: ${f.codes}`);
  if (f.ref) parts.push(`→ ${f.ref.entity}${f.ref.field ? `.${f.ref.field}` : ''}`);
  return parts.join('; ');
}

export function renderReference(): string {
  const out: string[] = [BEGIN, ''];
  for (const entity of entities) {
    out.push(`### ${entity.label} (\`${entity.name}\`)`, '');
    for (const role of ['ssd', 'ext'] as const) {
      const file = role === 'ssd' ? entity.ssdFile : entity.extFile;
      if (!file) continue;
      const kind = role === 'ssd' ? 'SSD table' : entity.ssdFile ? 'Threadline extension of the SSD table' : 'Threadline file';
      out.push(`\`${file}.csv\` (${kind})`, '', '| column | field | type |', '|---|---|---|');
      for (const f of fileFields(entity, role)) out.push(`| \`${f.header}\` | ${f.label} | ${describe(entity, f)} |`);
      out.push('');
    }
    if (entity.mainEvent) {
      const f = entity.fields.find((x) => x.name === entity.mainEvent)!;
      out.push(`Known from (unless \`${RECORD_TIMES_FILE}.csv\` says otherwise): \`${f.header}\`.`, '');
    }
  }
  out.push('### Code lists', '');
  for (const [name, list] of Object.entries(codeLists)) {
    out.push(`**${name}**: ${Object.entries(list).map(([c, l]) => `\`${c}\` ${l}`).join('; ')}.`, '');
  }
  out.push(END);
  return out.join('\n');
}

/** Replaces the generated section of a document. */
export function withReference(doc: string): string {
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (start < 0 || end < 0) throw new Error('docs/data-format.md has lost its generated-reference markers');
  return doc.slice(0, start) + renderReference() + doc.slice(end + END.length);
}

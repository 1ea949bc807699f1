/**
 * `npm run docs`: rewrites the generated documents from the code: the file-by-file reference of
 * docs/data-format.md (from the entity registry) and docs/measures.md (from the measure definitions).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { measuresMarkdown } from '../domain/measures/docs.js';
import { withReference } from '../io/data-format-doc.js';
import { projectRoot } from '../project-root.js';

const dataFormat = join(projectRoot, 'docs', 'data-format.md');
await writeFile(dataFormat, withReference(await readFile(dataFormat, 'utf8')));
const measures = join(projectRoot, 'docs', 'measures.md');
await writeFile(measures, measuresMarkdown());
console.log(`Updated ${dataFormat} and ${measures}`);

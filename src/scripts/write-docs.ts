/** `npm run docs`: rewrites the generated reference section of docs/data-format.md from the registry. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { withReference } from '../io/data-format-doc.js';
import { projectRoot } from '../project-root.js';

const path = join(projectRoot, 'docs', 'data-format.md');
await writeFile(path, withReference(await readFile(path, 'utf8')));
console.log(`Updated ${path}`);

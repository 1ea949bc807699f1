import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { projectRoot } from '../project-root.js';
import { withReference } from './data-format-doc.js';

it('docs/data-format.md lists every file, column and code the importer reads (run `npm run docs` after a change)', async () => {
  const doc = await readFile(join(projectRoot, 'docs', 'data-format.md'), 'utf8');
  expect(doc).toBe(withReference(doc));
});

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { projectRoot } from '../../project-root.js';
import { measuresMarkdown } from './docs.js';

const path = join(projectRoot, 'docs', 'measures.md');

it('docs/measures.md is generated from the definitions (run `npm run docs` after a change)', async () => {
  expect(await readFile(path, 'utf8')).toBe(measuresMarkdown());
});

import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { projectRoot } from '../../project-root.js';
import { measuresMarkdown } from './docs.js';

const path = join(projectRoot, 'docs', 'measures.md');

it('docs/measures.md is generated from the definitions (WRITE_DOCS=1 to rewrite it after a change)', async () => {
  const generated = measuresMarkdown();
  if (process.env.WRITE_DOCS) await writeFile(path, generated);
  expect(await readFile(path, 'utf8')).toBe(generated);
});

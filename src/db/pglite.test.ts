import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openPglite } from './pglite.js';

it('refuses a second opening of an embedded database in use, and takes over a lock its holder left behind', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'threadline-lock-'));
  try {
    const first = await openPglite(dir);
    await expect(openPglite(dir)).rejects.toThrow(/is in use by process \d+/);
    await first.close();
    // A process that died without closing leaves its lock; nothing is running under that number.
    await writeFile(join(dir, 'threadline.lock'), '2147483000');
    const second = await openPglite(dir);
    expect(await second.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await second.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

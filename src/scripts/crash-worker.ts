/**
 * A process for the crash test (src/db/crash.test.ts) to kill with SIGKILL at any moment:
 *   node crash-worker.js writes <prefix>   records people one transaction at a time, printing "ACK <id>"
 *                                          only after each commit returns (what a user would be told)
 *   node crash-worker.js import <dir>      imports an extract (one transaction), printing "DONE" at the end
 * on the database configured as usual (THREADLINE_DATA_DIR or DATABASE_URL).
 */
import { writeSync } from 'node:fs';
import { openDatabase } from '../db/open.js';
import { createRecord } from '../db/record-store.js';
import { entities } from '../domain/model/entities.js';
import { importExtract } from '../io/importer.js';

const [mode, arg] = process.argv.slice(2);
const db = await openDatabase();
writeSync(1, 'READY\n');
if (mode === 'writes') {
  const person = entities.find((e) => e.name === 'person')!;
  for (let i = 0; ; i++) {
    const id = `${arg}-${i}`;
    await db.transaction((tx) => createRecord(tx, person, { id, forename: 'Crash', surname: `Test ${i}` }, { actor: 'crash-test', reason: '' }));
    writeSync(1, `ACK ${id}\n`);
  }
} else if (mode === 'import') {
  await importExtract(db, arg!);
  writeSync(1, 'DONE\n');
  await db.close();
}

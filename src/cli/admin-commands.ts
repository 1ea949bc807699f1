/** The administration commands: backup, restore, and adding a user. */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { backup, restore } from '../db/backup.js';
import { openDatabase } from '../db/open.js';
import { isRole, ROLES } from '../domain/access/roles.js';
import { createUser } from '../repositories/users.js';
import { withDatabase } from './shared.js';

export async function backupCommand(args: string[]): Promise<number> {
  const file = args[0];
  if (!file) throw new Error('say where to write the backup: threadline backup <file>');
  const started = Date.now();
  const summary = await withDatabase((db) => backup(db, file));
  console.error(`Backed up ${summary.rows} rows from ${summary.tables} tables to ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return 0;
}

export async function restoreCommand(args: string[]): Promise<number> {
  const file = args[0];
  if (!file) throw new Error('say which backup to restore: threadline restore <file>');
  const db = await openDatabase();
  try {
    const summary = await restore(db, file, (table, rows) => {
      if (rows) console.error(`  ${table}: ${rows} rows`);
    });
    console.error(`Restored ${summary.rows} rows in ${summary.tables} tables from ${file} into ${db.location}.`);
    return 0;
  } finally {
    await db.close();
  }
}

async function readPassword(): Promise<string> {
  const fromEnv = process.env.THREADLINE_NEW_PASSWORD;
  if (fromEnv) return fromEnv;
  console.error('Password for the new user (at least 12 characters), then Enter:');
  const rl = createInterface({ input: process.stdin });
  const [line] = (await once(rl, 'line')) as [string];
  rl.close();
  return line;
}

export async function userCommand(args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args, allowPositionals: true,
    options: { username: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, worker: { type: 'string' }, team: { type: 'string' } },
  });
  if (positionals[0] !== 'add') throw new Error('usage: threadline user add --username NAME --name "Full name" --role ROLE [--worker ID] [--team ID]');
  const { username, name, role } = values;
  if (!username || !name || !role) throw new Error('--username, --name and --role are all needed');
  if (!isRole(role)) throw new Error(`--role must be one of: ${Object.keys(ROLES).join(', ')}`);
  const password = await readPassword();
  if (password.length < 12) throw new Error('the password must have at least 12 characters');
  await withDatabase((db) => createUser(db, { username, displayName: name, role, password, workerId: values.worker ?? null, teamId: values.team ?? null }, 'command line'));
  console.error(`Added ${username} (${ROLES[role]}).`);
  return 0;
}

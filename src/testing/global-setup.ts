/**
 * Vitest global set-up: one throw-away PostgreSQL cluster for the whole run, with a migrated template
 * database that each test copies (CREATE DATABASE ... TEMPLATE) for a clean start.
 */
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/open.js';
import { startCluster, type Cluster } from '../db/throwaway-cluster.js';

let cluster: Cluster | undefined;

export async function setup(project: TestProject) {
  cluster = startCluster();
  const admin = await openPlain(cluster.url('postgres'));
  await admin.query('CREATE DATABASE threadline_template');
  await admin.end();
  const db = await openDatabase({ url: cluster.url('threadline_template') });
  await db.close();
  project.provide('postgresAdminUrl', cluster.url('postgres'));
  project.provide('postgresUrlPrefix', cluster.url(''));
}

export async function teardown() {
  cluster?.stop();
}

async function openPlain(url: string) {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    postgresUrlPrefix: string;
  }
}

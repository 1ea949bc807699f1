import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { demoDatabase } from '../testing/demo-authority.js';
import { signIn, startTestServer, type TestServer } from '../testing/web.js';

describe('the data protection officer’s access log', () => {
  let db: Database;
  let server: TestServer;
  beforeAll(async () => {
    db = await demoDatabase();
    server = await startTestServer(db);
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('answers who looked at a child and what a user looked at, exports a subject access request, and is refused to others', async () => {
    const [child] = await db.query<{ person_id: string }>(`SELECT person_id FROM current_cp_plan WHERE end_date IS NULL LIMIT 1`);
    const personId = child!.person_id;
    await db.query(`INSERT INTO access_log (actor, action, person_id, outcome, detail) VALUES ('someone', 'view', $1, 'allowed', 'record summary')`, [personId]);
    const dpo = await signIn(db, server, 'data-protection-officer', { username: 'dora' });
    const who = await (await dpo.get(`/access-log?person=${personId}`)).text();
    expect(who).toMatch(/someone/);
    expect(who).toMatch(/record summary/);
    const what = await (await dpo.get('/access-log?user=someone')).text();
    expect(what).toContain(`(child ${personId})`);

    const sar = await dpo.get(`/access-log/children/${personId}/subject-access.json`);
    expect(sar.headers.get('content-disposition')).toMatch(/attachment/);
    const data = (await sar.json()) as { records: Record<string, { versions: { id: string; recorded_by: string }[] }>; accessLog: { actor: string }[] };
    expect(data.records.person!.versions[0]!.id).toBe(personId);
    expect(data.records.cp_plan!.versions.length).toBeGreaterThan(0);
    expect(data.accessLog.map((e) => e.actor)).toContain('someone');
    const [logged] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM access_log WHERE actor = 'dora' AND action = 'subject-access-export' AND person_id = $1`, [personId]);
    expect(logged!.n).toBe(1);

    const worker = await signIn(db, server, 'social-worker');
    expect((await worker.get(`/access-log?person=${personId}`)).status).toBe(403);
    expect((await worker.get(`/access-log/children/${personId}/subject-access.json`)).status).toBe(403);
    expect((await worker.get('/access-log')).status).toBe(403);
  });
});

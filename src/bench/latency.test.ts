/**
 * The latency benchmark on the small demonstration authority: a few users for a short while, to check that
 * every user signs in with their own session, both pages are timed and answer 200, and the figures add up.
 * (How fast the pages are is for `npm run bench`, not for a test.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { demoDatabase } from '../testing/demo-authority.js';
import { latencyLines, measureLatency, percentile } from './latency.js';

describe('the latency benchmark', () => {
  it('takes percentiles by nearest rank', () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect([percentile(ten, 50), percentile(ten, 95), percentile(ten, 99), percentile(ten, 100)]).toEqual([5, 10, 10, 10]);
    expect(percentile([7], 50)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  let db: Database;
  beforeAll(async () => {
    db = await demoDatabase();
  }, 180_000);
  afterAll(async () => {
    await db?.close();
  });

  it('times the child’s record and the team dashboard for users signed in at once', async () => {
    const report = await measureLatency(db, { users: 4, seconds: 1, warmupSeconds: 0.5, minSamples: 3, maxSeconds: 60, sameThread: true });
    expect(report.users).toBe(4);
    expect(report.pages.map((p) => p.label)).toEqual([
      report.childPage === 'child record' ? 'child record (/children/:id)' : 'referral page (/front-door/referrals/:id)', 'team dashboard (/team)',
    ]);
    for (const p of report.pages) {
      expect(p.requests).toBeGreaterThanOrEqual(3);
      expect(p.errors).toBe(0);
      expect(p.p50Ms).toBeGreaterThan(0);
      expect(p.p50Ms).toBeLessThanOrEqual(p.p95Ms);
      expect(p.p95Ms).toBeLessThanOrEqual(p.p99Ms);
      expect(p.p99Ms).toBeLessThanOrEqual(p.maxMs);
      expect(p.aloneMedianMs).toBeGreaterThan(0);
    }
    expect(report.totalPerSecond).toBeCloseTo(report.pages.reduce((n, p) => n + p.requests, 0) / Math.max(report.seconds, 1), -1);
    // Each simulated user had a session of their own.
    const [sessions] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM web_session s JOIN app_user u ON u.id = s.user_id WHERE u.username IN ('social.worker', 'team.manager')`);
    expect(sessions!.n).toBeGreaterThanOrEqual(4);
    const lines = latencyLines(report);
    expect(lines[0]).toMatch(/^4 users at once on loopback/);
    expect(lines).toHaveLength(report.childPage === 'child record' ? 4 : 5);
  }, 120_000);
});

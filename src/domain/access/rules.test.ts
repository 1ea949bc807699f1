import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, decide, type ChildAccessFacts, type Who } from './rules.js';

const child = (over: Partial<ChildAccessFacts> = {}): ChildAccessFacts => ({
  workerIds: ['W1'], teamIds: ['T1'], serviceAreas: ['CM'], restricted: false, namedUsers: [], breakGlassUsers: [], ...over,
});
const who = (over: Partial<Who> = {}): Who => ({ username: 'u', role: 'social-worker', workerId: 'W9', teamId: 'T9', serviceArea: 'AS', ...over });

describe('access decisions', () => {
  it('lets a social worker read any unrestricted child but change only their team’s children', () => {
    expect(decide(DEFAULT_RULES, who(), 'read', child()).allowed).toBe(true);
    expect(decide(DEFAULT_RULES, who(), 'change', child()).allowed).toBe(false);
    expect(decide(DEFAULT_RULES, who({ teamId: 'T1' }), 'change', child()).allowed).toBe(true);
    expect(decide(DEFAULT_RULES, who({ workerId: 'W1' }), 'change', child()).allowed).toBe(true); // own caseload, whatever the team
  });

  it('scopes a team manager’s changes to their service and allocation to their team', () => {
    const tm = who({ role: 'team-manager', teamId: 'T2', serviceArea: 'CM' });
    expect(decide(DEFAULT_RULES, tm, 'change', child()).allowed).toBe(true);
    expect(decide(DEFAULT_RULES, tm, 'allocate', child()).allowed).toBe(false);
    expect(decide(DEFAULT_RULES, { ...tm, teamId: 'T1' }, 'allocate', child()).allowed).toBe(true);
  });

  it('refuses what a role may not do at all', () => {
    expect(decide(DEFAULT_RULES, who({ role: 'system-administrator' }), 'read', child())).toEqual({ allowed: false, because: 'read: not allowed for this role', breakGlass: false });
    expect(decide(DEFAULT_RULES, who({ role: 'director' }), 'change', child()).allowed).toBe(false);
    expect(decide(DEFAULT_RULES, who({ role: 'auditor' }), 'audit-log', null).allowed).toBe(false);
    expect(decide(DEFAULT_RULES, who({ role: 'data-protection-officer' }), 'audit-log', null).allowed).toBe(true);
  });

  it('shows a restricted record only to named people or with emergency access, whatever the scope', () => {
    const r = child({ restricted: true, namedUsers: ['named'], breakGlassUsers: ['glass'] });
    expect(decide(DEFAULT_RULES, who({ role: 'front-door-worker' }), 'read', r)).toEqual({ allowed: false, because: 'restricted record', breakGlass: true });
    expect(decide(DEFAULT_RULES, who({ workerId: 'W1' }), 'read', r).allowed).toBe(false); // even the allocated worker, unless named
    expect(decide(DEFAULT_RULES, who({ username: 'named' }), 'read', r).allowed).toBe(true);
    expect(decide(DEFAULT_RULES, who({ username: 'glass' }), 'read', r).allowed).toBe(true);
    expect(decide(DEFAULT_RULES, who({ role: 'system-administrator', username: 'named' }), 'read', r).allowed).toBe(false);
  });
});

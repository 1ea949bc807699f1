import { expect, it } from 'vitest';
import { settingProblem } from './config.js';

it('checks each setting before it is stored, saying what is wrong', () => {
  expect(settingProblem('comparatorLaCode', '333')).toBeNull();
  expect(settingProblem('comparatorLaCode', 'Sandwell')).toMatch(/3-digit/);
  expect(settingProblem('closureDays', ['2019-12-27'])).toBeNull();
  expect(settingProblem('closureDays', ['27/12/2019'])).toMatch(/YYYY-MM-DD/);
  expect(settingProblem('standards', { cpVisitWorkingDays: 15 })).toBeNull();
  expect(settingProblem('standards', { cpVisitWorkingDays: -1 })).not.toBeNull();
  expect(settingProblem('targets', { 'm06-cp-visits-10wd': { target: 95, amberWithin: 5 } })).toBeNull();
  expect(settingProblem('targets', { 'm06-cp-visits-10wd': { target: '95%' } })).toMatch(/targets\["m06-cp-visits-10wd"\]/);
  expect(settingProblem('tolerance', { percent: 1, rate: 1, count: 0, caseload: 0.5 })).toBeNull();
  expect(settingProblem('neighbourGrouping', '2019')).toMatch(/2025/);
  expect(settingProblem('monitoring', { auditTargetPerMonth: 60, complaintResponseWorkingDays: 10 })).toBeNull();
  expect(settingProblem('monitoring', { auditTargetPerMonth: null, moderationTargetPerMonth: null })).toBeNull();
  expect(settingProblem('monitoring', { auditTargetPerMonth: -1 })).toMatch(/auditTargetPerMonth/);
  expect(settingProblem('monitoring', { complaintResponseWorkingDays: 0 })).toMatch(/1 to 65/);
  expect(settingProblem('monitoring', { auditTarget: 60 })).toMatch(/no setting "auditTarget"/);
});

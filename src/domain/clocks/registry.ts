/**
 * Every statutory and local timescale as one named clock, and the registry that lists them.
 *
 * Clocks whose timescale changes along a sequence (CP reviews, looked-after reviews, looked-after visits)
 * are one clock per stage; `schedules.ts` says which stage is running and from when.
 */
import { dayClock, hourClock, type Clock, type ClockId } from './clock.js';

const WT = 'Working Together to Safeguard Children 2023';
const CPPCR = 'Care Planning, Placement and Case Review (England) Regulations 2010';

export const contactDecisionClock = hourClock({
  id: 'contact-decision',
  name: 'Contact decision',
  description:
    'From the date and time a contact is received to the decision on it (for example, accepted as a referral). ' +
    'Elapsed hours, so a clock change makes no difference. Contract measure 1.',
  source: `Local standard (default 24 hours). ${WT}: a decision within one working day of a referral.`,
  unit: 'hours',
  words: { event: 'decision', done: 'made' },
  length: 'contactDecisionHours',
});

export const icpcClock = dayClock({
  id: 'icpc',
  name: 'Initial child protection conference',
  description:
    'From the strategy discussion that started the section 47 enquiry to the initial child protection conference: ' +
    'within 15 working days. Transfer-in conferences are not timed. Contract measure 3.',
  source: `${WT}; DfE CIN census.`,
  unit: 'working days',
  words: { event: 'ICPC', done: 'held' },
  length: 15,
});

export const assessmentClock = dayClock({
  id: 'assessment',
  name: 'Assessment',
  description:
    'From the assessment start date (or, where the authority chooses, the referral date) to the assessment being ' +
    'authorised: within 45 working days. Contract measure 4.',
  source: `${WT}: within 45 working days of the referral; the DfE CIN census counts from the assessment start date.`,
  unit: 'working days',
  words: { event: 'assessment', done: 'authorised' },
  length: 45,
});

export const cpVisitClock = dayClock({
  id: 'cp-visit',
  name: 'Child protection visit',
  description:
    'From the plan start or the latest visit in which the child was seen, to the next such visit: within the ' +
    'local standard (default 10 working days). Any visit type counts. Contract measure 6.',
  source: 'Local standard (default every 10 working days).',
  unit: 'working days',
  words: { event: 'visit', done: 'seen' },
  length: 'cpVisitWorkingDays',
});

export const cinVisitClock = dayClock({
  id: 'cin-visit',
  name: 'Child in need visit',
  description:
    'From the CIN plan start or the latest visit in which the child was seen, to the next such visit: within the ' +
    'local standard (default 20 working days). Contract measure 10.',
  source: 'Local standard (default every 20 working days).',
  unit: 'working days',
  words: { event: 'visit', done: 'seen' },
  length: 'cinVisitWorkingDays',
});

export const cpSupervisionClock = dayClock({
  id: 'cp-supervision',
  name: 'Case supervision (child protection)',
  description:
    'From the plan start or the latest case supervision to the next: within the local standard (default 28 calendar ' +
    'days, day 0 being the start). Contract measure 8.',
  source: 'Local standard (default every 28 days).',
  unit: 'calendar days',
  words: { event: 'supervision', done: 'recorded' },
  length: 'cpSupervisionDays',
});

export const cinSupervisionClock = dayClock({
  id: 'cin-supervision',
  name: 'Case supervision (child in need)',
  description:
    'From the plan start or the latest case supervision to the next: within the local standard (default 56 calendar days).',
  source: 'Local standard (default every 8 weeks).',
  unit: 'calendar days',
  words: { event: 'supervision', done: 'recorded' },
  length: 'cinSupervisionDays',
});

export const claSupervisionClock = dayClock({
  id: 'cla-supervision',
  name: 'Case supervision (looked after)',
  description:
    'From the start of care or the latest case supervision to the next: within the local standard (default 56 calendar days).',
  source: 'Local standard (default every 8 weeks).',
  unit: 'calendar days',
  words: { event: 'supervision', done: 'recorded' },
  length: 'claSupervisionDays',
});

export const cpReviewFirstClock = dayClock({
  id: 'cp-review-first',
  name: 'First child protection review conference',
  description:
    'From the start of the CP plan (the initial conference) to the first review conference: within 3 calendar months ' +
    '(30 Nov + 3 months = 28 or 29 Feb). Contract measure 7.',
  source: WT,
  unit: 'months',
  words: { event: 'review conference', done: 'held' },
  length: 3,
});

export const cpReviewLaterClock = dayClock({
  id: 'cp-review-later',
  name: 'Later child protection review conference',
  description:
    'From the latest review conference held to the next: within 6 calendar months. A late review restarts the ' +
    'clock from the date it was held. Contract measure 7.',
  source: WT,
  unit: 'months',
  words: { event: 'review conference', done: 'held' },
  length: 6,
});

export const coreGroupClock = dayClock({
  id: 'core-group',
  name: 'First core group meeting',
  description: 'From the initial child protection conference to the first core group meeting: within 10 working days.',
  source: WT,
  unit: 'working days',
  words: { event: 'core group', done: 'held' },
  length: 10,
});

export const claReviewFirstClock = dayClock({
  id: 'cla-review-first',
  name: 'First looked-after review',
  description:
    'From the date the child became looked after (the start of the period of care) to the first review: within ' +
    '20 working days. Contract measure 12.',
  source: `${CPPCR}, reg 33.`,
  unit: 'working days',
  words: { event: 'review', done: 'held' },
  length: 20,
});

export const claReviewSecondClock = dayClock({
  id: 'cla-review-second',
  name: 'Second looked-after review',
  description: 'From the first review held to the second: within 3 calendar months. Contract measure 12.',
  source: `${CPPCR}, reg 33.`,
  unit: 'months',
  words: { event: 'review', done: 'held' },
  length: 3,
});

export const claReviewLaterClock = dayClock({
  id: 'cla-review-later',
  name: 'Later looked-after review',
  description: 'From the previous review held to the next: within 6 calendar months. Contract measure 12.',
  source: `${CPPCR}, reg 33.`,
  unit: 'months',
  words: { event: 'review', done: 'held' },
  length: 6,
});

export const claVisitFirstClock = dayClock({
  id: 'cla-visit-first',
  name: 'Looked-after visit: new placement',
  description:
    'From the start of each placement to the first visit in which the child was seen: within 7 days. A visit on ' +
    'the start day counts; one before it does not. Contract measure 11.',
  source: `${CPPCR}, reg 28.`,
  unit: 'calendar days',
  words: { event: 'visit', done: 'seen' },
  length: 7,
});

export const claVisitClock = dayClock({
  id: 'cla-visit',
  name: 'Looked-after visit: every 6 weeks',
  description:
    'From a visit in which the child was seen to the next: within 6 weeks (42 days) after a visit in the first year ' +
    'of the placement, and after any visit in a placement that is not long-term. Contract measure 11.',
  source: `${CPPCR}, reg 28.`,
  unit: 'calendar days',
  words: { event: 'visit', done: 'seen' },
  length: 42,
});

export const claVisitLongTermClock = dayClock({
  id: 'cla-visit-long-term',
  name: 'Looked-after visit: long-term placement',
  description:
    'From a visit on or after the first anniversary of a long-term placement (intended to last until the child is 18) ' +
    'to the next: within 3 calendar months. Contract measure 11.',
  source: `${CPPCR}, reg 28.`,
  unit: 'months',
  words: { event: 'visit', done: 'seen' },
  length: 3,
});

export const returnInterviewClock = hourClock({
  id: 'return-interview',
  name: 'Return home interview',
  description:
    'From the child\'s return from a missing episode to the return home interview: within 72 elapsed hours. ' +
    'Contract measure 9.',
  source: 'Statutory guidance on children who run away or go missing from home or care (DfE 2014).',
  unit: 'hours',
  words: { event: 'return interview', done: 'held' },
  length: 'returnInterviewHours',
});

export const allocationClock = dayClock({
  id: 'allocation',
  name: 'Allocation',
  description:
    'From the start of an unallocated spell (the later of the episode opening and the end of the last case-holding ' +
    'allocation) to the allocation of a case-holding worker: within the local standard (default 5 working days). ' +
    'Contract measure 5.',
  source: 'Local standard (default 5 working days).',
  unit: 'working days',
  words: { event: 'allocation', done: 'allocated' },
  length: 'allocationWorkingDays',
});

/** Every clock, in the order of the child's journey. */
export const clocks: readonly Clock[] = Object.freeze([
  contactDecisionClock,
  allocationClock,
  assessmentClock,
  icpcClock,
  coreGroupClock,
  cpReviewFirstClock,
  cpReviewLaterClock,
  cpVisitClock,
  cinVisitClock,
  cpSupervisionClock,
  cinSupervisionClock,
  claSupervisionClock,
  claReviewFirstClock,
  claReviewSecondClock,
  claReviewLaterClock,
  claVisitFirstClock,
  claVisitClock,
  claVisitLongTermClock,
  returnInterviewClock,
]);

const BY_ID: ReadonlyMap<ClockId, Clock> = new Map(clocks.map((c) => [c.id, c]));

/** The clock with an id; throws for an unknown id. */
export function clockById(id: ClockId): Clock {
  const clock = BY_ID.get(id);
  if (!clock) throw new RangeError(`Unknown clock: ${String(id)}`);
  return clock;
}

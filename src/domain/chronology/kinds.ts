/**
 * The kinds of entry in a child's chronology, in the order of the child's journey: the filter's checkboxes
 * and the PDF's key. Pure data.
 */
export const CHRONOLOGY_KINDS = {
  contact: 'Contacts',
  decision: 'Front-door decisions and challenges',
  'early-help': 'Early help',
  referral: 'Referrals',
  strategy: 'Strategy discussions',
  s47: 'Section 47 enquiries',
  conference: 'Child protection conferences',
  assessment: 'Assessments',
  plan: 'Plans and plan actions',
  visit: 'Visits',
  meeting: 'Reviews and meetings',
  supervision: 'Supervision and management oversight',
  allocation: 'Allocations',
  missing: 'Missing episodes',
  care: 'Care, placements and legal status',
  permanence: 'Permanence and adoption',
  'care-leaver': 'Care leaver',
  significant: 'Significant events',
} as const;

export type ChronologyKind = keyof typeof CHRONOLOGY_KINDS;

export const KIND_IDS: readonly ChronologyKind[] = Object.keys(CHRONOLOGY_KINDS) as ChronologyKind[];

export function isChronologyKind(value: string): value is ChronologyKind {
  return Object.hasOwn(CHRONOLOGY_KINDS, value);
}

/** The entities the chronology reads, each naming the child in `person_id`. */
export const CHRONOLOGY_ENTITIES = [
  'contact', 'decision_challenge', 'early_help_episode', 'referral', 'strategy_discussion', 's47_enquiry', 'icpc', 'assessment',
  'cin_plan', 'cp_plan', 'cla_care_plan', 'plan_action', 'cp_review', 'meeting', 'cin_visit', 'cp_visit', 'cla_visit', 'supervision',
  'allocation', 'cla_episode', 'legal_status', 'placement', 'cla_review', 'missing_episode', 'care_leaver', 'permanence',
  'significant_event',
] as const;

export type ChronologyEntity = (typeof CHRONOLOGY_ENTITIES)[number];

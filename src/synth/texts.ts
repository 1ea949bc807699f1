/**
 * Short free-text phrases for rationales, decisions and summaries. Deliberately plain and generic: the
 * point is that the fields are filled (or, realistically, sometimes thin), not literary variety.
 */
import type { Rng } from './prng.js';

const T = {
  NFA: [
    'Information received does not indicate that the child is at risk of harm; no further action by children’s social care.',
    'Concern addressed by the referrer; parents are meeting the child’s needs. No further action.',
    'Single incident with protective factors in place; no role for children’s services at present.',
    'Historic information only; no current concerns identified from checks with partner agencies.',
  ],
  ADV: [
    'Advice given to the referrer about universal services and how to re-refer if concerns increase.',
    'Referrer advised to continue support through school and to share the concern with the family.',
    'Information and signposting offered to the family; threshold for early help or social care not met.',
  ],
  ADV_OPEN: [
    'Open case: information passed to the allocated social worker the same day.',
    'Child already open to children’s social care; notification shared with the allocated worker and team manager.',
  ],
  EH: [
    'Needs can be met through a targeted early help offer; consent obtained for a family support worker.',
    'Step down to early help for parenting support and school attendance; family agreed.',
    'Emerging concerns below the social care threshold; early help assessment to be completed with the family.',
  ],
  REF: [
    'Threshold met for a single assessment: cumulative concerns of neglect and parental capacity.',
    'Accepted as a referral: domestic abuse incident with children present; risk to be assessed.',
    'Referral accepted: disclosure by the child requires a social work assessment.',
    'Accepted for assessment: parental mental health and substance misuse affecting care of the children.',
    'Threshold met: concerns of exploitation and going missing; assessment of risk outside the home.',
  ],
  REF_SEVERE: [
    'Immediate safeguarding concern: strategy discussion convened the same day.',
    'Child at risk of significant harm: strategy discussion to be held today with police and health.',
  ],
  strategyDecisions: [
    'Section 47 enquiry to be undertaken jointly with police; child to be seen today; health to share records.',
    'Single agency section 47 enquiry; safety plan agreed with the non-abusing parent.',
    'Police to complete checks and speak to the alleged perpetrator; school to monitor and share concerns.',
    'Continue with the single assessment; threshold for section 47 not met on the information available.',
  ],
  medicalYes: [
    'Child protection medical needed: unexplained bruising reported by school.',
    'Medical examination agreed to document injuries and assess any further harm.',
  ],
  medicalNo: [
    'No medical examination needed: no physical injury alleged or observed.',
    'Not needed: concerns are of emotional harm and neglect without physical indicators.',
    'Not required: child seen by GP this week and no injuries noted.',
  ],
  assessmentAuth: [
    'Assessment is analytical and the child’s voice is clear; agree the outcome and plan.',
    'Agreed. Risks and protective factors are well evidenced; plan is proportionate.',
    'Agreed with amendments: chronology updated and the father’s views added.',
    'Authorised. Needs can be met through the plan set out; review in three months.',
  ],
  supervisionDecision: [
    'Continue with the plan; visit weekly until the next core group.',
    'Update the chronology and complete the risk assessment before the review.',
    'Consider a legal planning meeting if no progress by the next review.',
    'Seek the child’s views directly and record them on the plan.',
    'Share the safety plan with school and confirm who is responsible for each action.',
    'Consider step down to early help at the next review if progress is sustained.',
  ],
  supervisionRationale: [
    'Progress is evident but fragile; the plan remains necessary.',
    'Drift identified since the last supervision; actions set with timescales.',
    'Risks reduced; the family is engaging with services.',
    'New information from police increases concern; escalation considered.',
  ],
  childSaid: [
    'Said they were happy at home and liked their new school.',
    'Talked about worrying when mum and dad argue.',
    'Wanted more time with their brother.',
    'Did not want to talk today; showed their bedroom and drawings.',
    'Said things are calmer at home now.',
    'Asked when they could see their nan again.',
    'Said they feel safe where they live.',
  ],
  planAction: [
    'Attend parenting programme sessions',
    'Complete domestic abuse awareness course',
    'Register the child with a dentist',
    'Ensure school attendance above 90%',
    'Attend all health appointments',
    'Complete direct work with the child about their wishes and feelings',
    'Provide a safety plan and share it with school',
    'Engage with substance misuse service and provide tests',
    'Complete a family group conference',
    'Refer to child and adolescent mental health services',
    'Update the chronology and genogram',
    'Arrange family time in line with the plan',
    'Complete a life story book',
    'Apply for a passport and birth certificate',
  ],
  responsible: ['Social worker', 'Mother', 'Father', 'Health visitor', 'School', 'Family support worker', 'Young person', 'Carer', 'Police', 'School nurse'],
  auditAction: [
    'Update the chronology',
    'Record the child’s views in the plan',
    'Hold a management oversight discussion and record the rationale',
    'Convene a core group to refresh the plan',
    'Complete the outstanding statutory visit',
    'Add timescales and named people to every plan action',
    'Record supervision on the child’s file',
  ],
  challengeReason: [
    'Partner agency disagrees with no further action: repeated domestic abuse notifications.',
    'Assessment team manager questions the threshold decision for a re-referral.',
    'School escalated: concerns about neglect not reflected in the decision.',
    'Police request reconsideration of the step down to early help.',
  ],
  challengeResolution: [
    'Decision upheld after review of the information; referrer informed with reasons.',
    'Further information gathered; original decision stands and is now fully recorded.',
    'Agreed that the rationale was thin; rationale expanded and shared with the referrer.',
  ],
  complaint: [
    'Parent unhappy with the frequency of contact with the social worker.',
    'Complaint about the change of social worker without notice.',
    'Disagreement with the content of the assessment.',
    'Delay in arranging family time.',
    'Young person unhappy with placement arrangements.',
  ],
  compliment: [
    'Parent thanked the social worker for support through a difficult time.',
    'School praised joint working on the child’s safety plan.',
    'Foster carer complimented the responsiveness of the team.',
    'Young person thanked their personal adviser.',
  ],
  ehReason: ['Parenting support', 'School attendance', 'Emotional wellbeing', 'Domestic abuse support', 'Housing and financial difficulties', 'Behaviour at home'],
  ehEnd: { done: 'Outcomes achieved', disengaged: 'Family disengaged', stepUp: 'Stepped up to children’s social care', moved: 'Moved out of the area' },
} as const;

export type TextKey = Exclude<keyof typeof T, 'ehEnd'>;

export function text(rng: Rng, key: TextKey): string {
  return rng.pick(T[key] as readonly string[]);
}

export const EH_END = T.ehEnd;

/**
 * Significant events added to a child's chronology by hand: things that happened in the child's life that no
 * other record holds. [title, what happened, source].
 */
export const SIGNIFICANT_EVENTS: readonly (readonly [string, string, string])[] = [
  ['Police called to the home', 'Police attended after neighbours reported shouting; the child was at home and was spoken to by officers.', 'Police notification'],
  ['Attended A&E', 'Child taken to A&E by their mother with a cut hand; treated and discharged the same evening. Explanation consistent with the injury.', 'Hospital liaison nurse'],
  ['Fixed-term exclusion from school', 'Excluded for two days after a fight in the playground; return meeting held with the head of year.', 'School designated safeguarding lead'],
  ['Moved to a new address', 'Family moved to a privately rented flat in the same area; school place kept.', 'Mother, by phone'],
  ['Father released from prison', 'Father released on licence; probation confirmed licence conditions include no unsupervised contact.', 'Probation service'],
  ['Birth of a sibling', 'A baby sister was born; health visitor visit arranged.', 'Health visitor'],
  ['Bereavement', 'The child’s grandmother died; she had cared for the child most weekends.', 'Mother, at a home visit'],
  ['Started at a new school', 'Started year 7 at the local secondary school; transition support agreed with the SENCO.', 'School'],
  ['Disclosure to a teacher', 'Child told their teacher that they were frightened to go home; school followed its safeguarding procedure and called the front door.', 'School designated safeguarding lead'],
  ['Mother admitted to hospital', 'Mother admitted to a mental health ward for two weeks; the children stayed with their aunt under a family arrangement.', 'Adult mental health team'],
];

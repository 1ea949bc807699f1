/**
 * A child's current status, worked out from their current records: looked after, on a child protection plan,
 * a child in need, a care leaver, receiving early help, or a contact waiting for a decision. A child can be
 * more than one (early help alongside a closed social care case, say); the list is in order of precedence
 * and the first is the one to show in a list. Children in care and on a CP plan are also children in need:
 * "child in need" is listed only when neither applies. Pure: dates are London dates 'YYYY-MM-DD'.
 */
import { codeLabel } from '../codes/code-lists.js';
import { longDate } from '../time/london.js';
import { ageInYears } from './age.js';

export type StatusKind = 'looked-after' | 'child-protection' | 'child-in-need' | 'care-leaver' | 'early-help' | 'contact';

export const STATUS_LABELS: Readonly<Record<StatusKind, string>> = {
  'looked-after': 'Looked after',
  'child-protection': 'Child protection plan',
  'child-in-need': 'Child in need',
  'care-leaver': 'Care leaver',
  'early-help': 'Early help',
  contact: 'Contact waiting for a decision',
};

/** The GOV.UK tag colour for each status (and for none). */
export const STATUS_TAGS: Readonly<Record<StatusKind | 'none' | 'died', string>> = {
  'looked-after': 'govuk-tag--purple',
  'child-protection': 'govuk-tag--red',
  'child-in-need': 'govuk-tag--blue',
  'care-leaver': 'govuk-tag--turquoise',
  'early-help': 'govuk-tag--green',
  contact: 'govuk-tag--yellow',
  none: 'govuk-tag--grey',
  died: 'govuk-tag--grey',
};

/** The records that decide a child's status, as held now. */
export interface StatusFacts {
  dob: string | null;
  deathDate: string | null;
  /** Contacts with no decision recorded yet (received London dates). */
  contactsWaiting: readonly string[];
  referrals: readonly { start: string; close: string | null }[];
  cinPlans: readonly { start: string; end: string | null }[];
  cpPlans: readonly { start: string; end: string | null; category: string | null }[];
  /** Looked-after episodes; a period of care is the episodes sharing a claId. */
  claEpisodes: readonly { claId: string | null; start: string; ceased: string | null }[];
  /** The care leaver statuses recorded (status date, and whether in touch: codeLists.careLeaverInTouch). */
  careLeaver: readonly { statusDate: string; inTouch: string | null }[];
  earlyHelp: readonly { start: string; end: string | null }[];
}

export interface ChildStatus {
  kind: StatusKind;
  label: string;
  /** Since when (the start of the plan, period of care, episode ...). */
  since: string | null;
  /** In a few words: "since 3 March 2026 (neglect)". */
  detail: string;
}

/** Care leavers are supported until 25 (Children (Leaving Care) Act 2000, Children and Social Work Act 2017). */
export const CARE_LEAVER_UNTIL_AGE = 25;
const NO_LONGER = new Set(['DIED', 'NREQ']);

const isOpen = (start: string, end: string | null, today: string) => start <= today && (end === null || end > today);
const earliest = (dates: readonly string[]) => dates.reduce<string | null>((m, d) => (m === null || d < m ? d : m), null);

/** The child's statuses today, most important first; empty when nothing is open. */
export function childStatuses(f: StatusFacts, today: string): ChildStatus[] {
  const out: ChildStatus[] = [];
  const push = (kind: StatusKind, since: string | null, extra = '') => {
    out.push({ kind, label: STATUS_LABELS[kind], since, detail: `${since ? `since ${longDate(since)}` : ''}${extra ? `${since ? ' ' : ''}${extra}` : ''}` });
  };
  if (f.deathDate !== null && f.deathDate <= today) return out;

  const openEpisodes = f.claEpisodes.filter((e) => isOpen(e.start, e.ceased, today));
  const lookedAfter = openEpisodes.length > 0;
  if (lookedAfter) {
    // The period of care began with the earliest episode of the same period.
    const ids = new Set(openEpisodes.map((e) => e.claId));
    const since = earliest(f.claEpisodes.filter((e) => (e.claId !== null && ids.has(e.claId)) || openEpisodes.includes(e)).map((e) => e.start));
    push('looked-after', since);
  }
  const cp = f.cpPlans.filter((p) => isOpen(p.start, p.end, today));
  if (cp.length > 0) {
    const plan = cp.reduce((a, b) => (b.start > a.start ? b : a));
    push('child-protection', plan.start, plan.category ? `(${codeLabel('abuseCategory', plan.category).toLowerCase()})` : '');
  }
  if (!lookedAfter && cp.length === 0) {
    const cin = f.cinPlans.filter((p) => isOpen(p.start, p.end, today));
    const referrals = f.referrals.filter((r) => isOpen(r.start, r.close, today));
    if (cin.length > 0) push('child-in-need', earliest(cin.map((p) => p.start)), 'on a child in need plan');
    else if (referrals.length > 0) push('child-in-need', earliest(referrals.map((r) => r.start)), '(referral open, no plan yet)');
  }
  if (!lookedAfter && f.careLeaver.length > 0) {
    const latest = f.careLeaver.reduce((a, b) => (b.statusDate > a.statusDate ? b : a));
    const age = f.dob === null ? null : ageInYears(f.dob, today);
    const ofAge = age === null || (age >= 16 && age < CARE_LEAVER_UNTIL_AGE);
    if (ofAge && !(latest.inTouch !== null && NO_LONGER.has(latest.inTouch))) {
      push('care-leaver', earliest(f.careLeaver.map((c) => c.statusDate)), latest.inTouch ? `(${codeLabel('careLeaverInTouch', latest.inTouch).toLowerCase()})` : '');
    }
  }
  const eh = f.earlyHelp.filter((e) => isOpen(e.start, e.end, today));
  if (eh.length > 0) push('early-help', earliest(eh.map((e) => e.start)));
  const waiting = f.contactsWaiting.filter((d) => d <= today);
  if (waiting.length > 0) push('contact', earliest(waiting), waiting.length > 1 ? `(${waiting.length} contacts)` : '');
  return out;
}

/** The one status to show in a list: the most important, "No open involvement", or "Died". */
export function primaryStatus(statuses: readonly ChildStatus[], deathDate: string | null, today: string): { label: string; tag: string } {
  if (deathDate !== null && deathDate <= today) return { label: 'Died', tag: STATUS_TAGS.died };
  const first = statuses[0];
  return first ? { label: first.label, tag: STATUS_TAGS[first.kind] } : { label: 'No open involvement', tag: STATUS_TAGS.none };
}

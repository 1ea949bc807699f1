/**
 * A child's previous involvement, as the front door needs it at the moment of decision: what is open now,
 * what happened before, and whether accepting the contact as a referral would be a re-referral within
 * 12 months (the national measure's rule: a referral dated R is a re-referral if the child had a referral
 * dated P with P < R ≤ P + 12 calendar months; see src/domain/measures/definitions/rereferrals.ts).
 *
 * The seed letters criticise re-referrals "sent back to the previous team without a threshold decision":
 * a re-referral needs a fresh threshold decision, which the decision rules require.
 */
import { addMonths, londonDate } from '../time/london.js';

export interface PastContact {
  id: string;
  receivedAt: Date;
  decision: string | null;
  decisionAt: Date | null;
  source: string | null;
}

export interface PastReferral {
  id: string;
  referralDate: Date;
  closeDate: string | null;
  teamName: string | null;
}

export interface PastEpisode {
  id: string;
  startDate: string;
  endDate: string | null;
}

export interface PastPlan {
  kind: 'CIN' | 'CP' | 'CLA';
  id: string;
  startDate: string;
  endDate: string | null;
  category: string | null;
}

export interface ChildHistory {
  contacts: PastContact[];
  referrals: PastReferral[];
  earlyHelp: PastEpisode[];
  plans: PastPlan[];
}

export interface Rereferral {
  /** The latest earlier referral that makes this one a re-referral. */
  previousReferralId: string;
  previousReferralDate: string;
  /** The last day a new referral would still count as a re-referral of it. */
  until: string;
}

/**
 * Whether a referral dated `referralDate` (London date) would be a re-referral within 12 months of one of
 * `referrals`: the latest earlier referral P with P < R ≤ P + 12 months, or null.
 */
export function rereferralOf(referralDate: string, referrals: readonly Pick<PastReferral, 'id' | 'referralDate'>[]): Rereferral | null {
  let best: Rereferral | null = null;
  for (const r of referrals) {
    const p = londonDate(r.referralDate);
    const until = addMonths(p, 12);
    if (p < referralDate && referralDate <= until && (best === null || p > best.previousReferralDate)) {
      best = { previousReferralId: r.id, previousReferralDate: p, until };
    }
  }
  return best;
}

export interface InvolvementSummary {
  /** Accepting now would make a re-referral within 12 months. */
  rereferral: Rereferral | null;
  openReferrals: PastReferral[];
  openEarlyHelp: PastEpisode[];
  openPlans: PastPlan[];
  /** Earlier contacts other than the one being decided, newest first. */
  earlierContacts: PastContact[];
  /** Contacts received in the 12 months before this one (a pattern of repeated contacts). */
  contactsInLastYear: number;
  /** Nothing known before: no earlier contacts, referrals, early help or plans. */
  firstContact: boolean;
}

/**
 * What the decision maker must see about the child, for the contact `contactId` received at `receivedAt`
 * and decided on `decisionDate` (the date a referral would be dated).
 */
export function summariseInvolvement(history: ChildHistory, contactId: string, receivedAt: Date, decisionDate: string): InvolvementSummary {
  const earlierContacts = history.contacts
    .filter((c) => c.id !== contactId && c.receivedAt.getTime() <= receivedAt.getTime())
    .sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime());
  const received = londonDate(receivedAt);
  const yearBefore = addMonths(received, -12);
  const referrals = history.referrals.filter((r) => r.referralDate.getTime() <= receivedAt.getTime() || londonDate(r.referralDate) <= decisionDate);
  return {
    rereferral: rereferralOf(decisionDate, referrals),
    openReferrals: referrals.filter((r) => r.closeDate === null),
    openEarlyHelp: history.earlyHelp.filter((e) => e.endDate === null),
    openPlans: history.plans.filter((p) => p.endDate === null),
    earlierContacts,
    contactsInLastYear: earlierContacts.filter((c) => londonDate(c.receivedAt) >= yearBefore).length,
    firstContact: earlierContacts.length === 0 && history.referrals.length === 0 && history.earlyHelp.length === 0 && history.plans.length === 0,
  };
}

/**
 * Action plans and rectification plans (the contract's paragraphs 4.2.4 and 4.2.5), and the recorded
 * sections of the monthly monitoring report: surveys (4.2.7) and inspection outcomes (4.2.8).
 *
 * A plan has an owner, what it is for, and actions (what, who, by when, status, progress). Every change is
 * a new version with who, when and why (src/repositories/board.ts keeps them); this file checks the forms
 * and works out a plan's status as the report shows it.
 *
 * Pure: no I/O.
 */

export const PLAN_KINDS = { action: 'Action plan', rectification: 'Rectification plan' } as const;
export type PlanKind = keyof typeof PLAN_KINDS;

export function isPlanKind(v: unknown): v is PlanKind {
  return typeof v === 'string' && Object.hasOwn(PLAN_KINDS, v);
}

export const ACTION_STATUSES = { OPEN: 'Not started', PROG: 'In progress', DONE: 'Done', DROP: 'No longer needed' } as const;
export type ActionStatus = keyof typeof ACTION_STATUSES;

export function isActionStatus(v: unknown): v is ActionStatus {
  return typeof v === 'string' && Object.hasOwn(ACTION_STATUSES, v);
}

export const ENTRY_KINDS = { survey: 'Survey', inspection: 'Inspection outcome' } as const;
export type EntryKind = keyof typeof ENTRY_KINDS;

export function isEntryKind(v: unknown): v is EntryKind {
  return typeof v === 'string' && Object.hasOwn(ENTRY_KINDS, v);
}

/** Field name → message, in the order of the form. */
export type Problems = Record<string, string>;

export interface PlanInput {
  kind: PlanKind;
  title: string;
  owner: string;
  /** What the plan is to achieve. */
  aim: string;
  /** The measure whose performance failure the plan answers, or '' for none. */
  measureId: string;
  /** 'YYYY-MM-DD' or ''. */
  startDate: string;
  startProblem?: string;
}

export interface PlanChangeInput {
  status: 'open' | 'closed' | string;
  progress: string;
  reason: string;
  /** 'YYYY-MM-DD' or '' (needed when closing). */
  closedOn: string;
  closedProblem?: string;
}

export interface ActionInput {
  action: string;
  owner: string;
  /** 'YYYY-MM-DD' or ''. */
  dueDate: string;
  dueProblem?: string;
}

export interface ActionChangeInput {
  status: string;
  progress: string;
  reason: string;
}

const LONG = 4000;

function required(problems: Problems, field: string, value: string, message: string, max = 200): void {
  if (value.trim() === '') problems[field] = message;
  else if (value.length > max) problems[field] = `${message.replace(/^Enter /, '').replace(/^./, (c) => c.toUpperCase())} must be ${max} characters or fewer`;
}

export function planProblems(input: PlanInput, measureIds: readonly string[]): Problems {
  const p: Problems = {};
  required(p, 'title', input.title, 'Enter the plan’s title');
  required(p, 'owner', input.owner, 'Enter who owns the plan');
  required(p, 'aim', input.aim, 'Enter what the plan is to achieve', LONG);
  if (input.measureId !== '' && !measureIds.includes(input.measureId)) p.measure = 'Choose a measure from the list';
  if (input.startProblem) p['start-day'] = input.startProblem;
  else if (input.startDate === '') p['start-day'] = 'Enter the date the plan started';
  return p;
}

export function planChangeProblems(input: PlanChangeInput, startDate: string): Problems {
  const p: Problems = {};
  if (input.status !== 'open' && input.status !== 'closed') p.status = 'Choose whether the plan is still open or closed';
  required(p, 'progress', input.progress, 'Enter the progress made', LONG);
  required(p, 'reason', input.reason, 'Say why you are changing the plan', 500);
  if (input.status === 'closed') {
    if (input.closedProblem) p['closed-day'] = input.closedProblem;
    else if (input.closedOn === '') p['closed-day'] = 'Enter the date the plan closed';
    else if (input.closedOn < startDate) p['closed-day'] = 'The date the plan closed must be on or after the date it started';
  }
  return p;
}

export function actionProblems(input: ActionInput): Problems {
  const p: Problems = {};
  required(p, 'action', input.action, 'Enter what needs to be done', 1000);
  required(p, 'owner', input.owner, 'Enter who will do it');
  if (input.dueProblem) p['due-day'] = input.dueProblem;
  else if (input.dueDate === '') p['due-day'] = 'Enter the date it must be done by';
  return p;
}

export function actionChangeProblems(input: ActionChangeInput): Problems {
  const p: Problems = {};
  if (!isActionStatus(input.status)) p.status = 'Choose the action’s status';
  required(p, 'progress', input.progress, 'Enter the progress made', LONG);
  required(p, 'reason', input.reason, 'Say why you are changing the action', 500);
  return p;
}

export interface EntryInput {
  kind: EntryKind;
  title: string;
  /** 'YYYY-MM-DD' or '': when the survey closed or the inspection (or visit) took place. */
  date: string;
  dateProblem?: string;
  /** Survey: who was asked and how many answered. Inspection: the inspectorate. */
  who: string;
  /** Survey: the results. Inspection: the judgement or outcome ('' when not yet published). */
  outcome: string;
  /** Survey: analysis, trends, key messages and outcomes. Inspection: findings and any action plan. */
  details: string;
  reason: string;
}

export const ENTRY_LABELS: Record<EntryKind, { who: string; whoHint: string; outcome: string; outcomeHint: string; details: string; date: string }> = {
  survey: {
    who: 'Who was asked', whoHint: 'For example, “Children looked after aged 11 to 17: 143 asked, 61 answered”',
    outcome: 'Results', outcomeHint: 'The main figures, for example “82% feel listened to by their social worker”',
    details: 'Analysis, trends, key messages and outcomes', date: 'When the survey closed',
  },
  inspection: {
    who: 'Inspectorate', whoHint: 'For example, Ofsted, HMI Probation or the Care Quality Commission',
    outcome: 'Judgement or outcome', outcomeHint: 'For example, “Requires improvement to be good”. Leave empty if not yet published.',
    details: 'Findings, and any action plan or direction', date: 'When the inspection or visit took place',
  },
};

export function entryProblems(input: EntryInput, isNew: boolean): Problems {
  const p: Problems = {};
  const labels = ENTRY_LABELS[input.kind];
  required(p, 'title', input.title, input.kind === 'survey' ? 'Enter the survey’s title' : 'Enter what was inspected');
  if (input.dateProblem) p['date-day'] = input.dateProblem;
  else if (input.date === '') p['date-day'] = `Enter ${labels.date.charAt(0).toLowerCase()}${labels.date.slice(1)}`;
  required(p, 'who', input.who, input.kind === 'survey' ? 'Enter who was asked' : 'Enter the inspectorate');
  if (input.kind === 'survey') required(p, 'outcome', input.outcome, 'Enter the results', LONG);
  else if (input.outcome.length > LONG) p.outcome = `The judgement must be ${LONG} characters or fewer`;
  required(p, 'details', input.details, input.kind === 'survey' ? 'Enter the analysis and key messages' : 'Enter the findings', LONG * 4);
  if (!isNew) required(p, 'reason', input.reason, 'Say why you are changing this record', 500);
  return p;
}

export interface PlanAction {
  id: string;
  action: string;
  owner: string;
  dueDate: string;
  status: ActionStatus;
  progress: string;
}

export interface PlanStatusSummary {
  total: number;
  done: number;
  inProgress: number;
  notStarted: number;
  dropped: number;
  /** Not done, not dropped and past the due date at the "as at" date. */
  overdue: number;
  /** Done, per cent of the actions still wanted (all but those no longer needed); null when there are none. */
  percentDone: number | null;
  /** The earliest due date of the actions still to do, or null. */
  nextDue: string | null;
  /** In words, for the report: "Closed", "2 actions overdue", "On track", "No actions yet". */
  words: string;
  /** For a GOV.UK tag: red, yellow, green or grey. */
  colour: 'red' | 'yellow' | 'green' | 'grey';
}

/** A plan's status as the report shows it, as at `asAt` ('YYYY-MM-DD'). */
export function planStatus(closed: boolean, actions: readonly PlanAction[], asAt: string): PlanStatusSummary {
  const count = (s: ActionStatus) => actions.filter((a) => a.status === s).length;
  const live = actions.filter((a) => a.status === 'OPEN' || a.status === 'PROG');
  const overdue = live.filter((a) => a.dueDate < asAt).length;
  const wanted = actions.length - count('DROP');
  const done = count('DONE');
  const nextDue = live.map((a) => a.dueDate).sort()[0] ?? null;
  let words: string;
  let colour: PlanStatusSummary['colour'];
  if (closed) [words, colour] = ['Closed', 'grey'];
  else if (overdue > 0) [words, colour] = [overdue === 1 ? '1 action overdue' : `${overdue} actions overdue`, 'red'];
  else if (actions.length === 0) [words, colour] = ['No actions yet', 'yellow'];
  else if (live.length === 0) [words, colour] = ['All actions done', 'green'];
  else [words, colour] = ['On track', 'green'];
  return {
    total: actions.length, done, inProgress: count('PROG'), notStarted: count('OPEN'), dropped: count('DROP'), overdue,
    percentDone: wanted > 0 ? Math.round((done / wanted) * 1000) / 10 : null, nextDue, words, colour,
  };
}

/** Whether a plan was open at some time in the month: started by its end, and not closed before its start. */
export function openInMonth(startDate: string, closedOn: string | null, month: string, monthEnd: string): boolean {
  return startDate <= monthEnd && (closedOn === null || closedOn >= `${month}-01`);
}

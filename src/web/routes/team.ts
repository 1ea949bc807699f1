/**
 * The team manager's dashboard (each worker's caseload, overdue work and work due in the next 5 working days;
 * the team's unallocated children, allocated from the page; step-downs and step-ups waiting) and "My work".
 */
import { join } from 'node:path';
import { Router, type Response } from 'express';
import type { Database } from '../../db/database.js';
import { dayOfWeek, longDate } from '../../domain/time/london.js';
import { DUE_SOON_WORKING_DAYS, dueWords, type WorkItem } from '../../domain/workload/index.js';
import { allocateChild, allocationMadeBy, FormProblem, myWork, teamDashboard, type ChildLabel } from '../../repositories/caseload.js';
import { projectRoot } from '../../project-root.js';
import { viewerOf } from '../auth.js';
import { errorSummary, text, type FormErrors } from '../forms.js';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** "Friday 20 November 2026". */
export function dayDate(date: string): string {
  return `${DAYS[dayOfWeek(date)]} ${longDate(date)}`;
}

/** Where to act on a piece of work: the pages of the child's record, the plan, or the supervision form. */
export function workLink(item: WorkItem): { href: string; text: string } | null {
  const person = encodeURIComponent(item.personId);
  switch (item.kind) {
    case 'visit':
      return { href: `/visits/new?person=${person}${item.plan ? `&plan=${encodeURIComponent(item.plan.id)}` : ''}`, text: 'Record a visit' };
    case 'supervision':
      return { href: `/supervision/new?person=${person}`, text: 'Record supervision' };
    case 'plan-action':
      return item.plan ? { href: `/plans/${item.plan.kind}/${encodeURIComponent(item.plan.id)}`, text: 'Open the plan' } : null;
    default:
      return item.plan ? { href: `/plans/${item.plan.kind}/${encodeURIComponent(item.plan.id)}`, text: 'Open the plan' } : null;
  }
}

/** A work item as the tables show it. */
function row(item: WorkItem, children: Map<string, ChildLabel>, today: string) {
  return {
    personId: item.personId, child: children.get(item.personId)?.name ?? item.personId, title: item.title, detail: item.detail,
    due: dayDate(item.due), state: item.state, status: dueWords(item, today), link: workLink(item),
  };
}

/**
 * How many pieces of work the dashboard lists for each worker, the most urgent first (the counts are of all of
 * it): a team of hundreds of children would otherwise list thousands. Each worker's whole list is one link away
 * (/team?worker=ID).
 */
export const LISTED_PER_WORKER = 5;

/** Names in the default locale's order, as localeCompare orders them (one collator, made once). */
const byName = new Intl.Collator();

export function teamRoutes(db: Database): Router {
  const router = Router();

  router.get('/assets/team.css', (_req, res) => res.sendFile(join(projectRoot, 'src', 'web', 'public', 'team.css')));

  async function renderDashboard(res: Response, opts: { errors?: FormErrors; chosen?: Record<string, string>; allocated?: unknown; allFor?: string | null } = {}) {
    const viewer = viewerOf(res);
    const d = await teamDashboard(db, viewer, undefined, { listPerWorker: LISTED_PER_WORKER, allFor: opts.allFor ?? null });
    const workers = d.workers.map((w) => ({
      id: w.id, name: w.name, jobTitle: w.jobTitle, caseload: w.caseload, overdueCount: w.overdue.length, dueSoonCount: w.dueSoon.length,
      workCount: w.overdue.length + w.dueSoon.length, items: w.listed.map((i) => row(i, d.children, d.today)),
      all: w.listed.length === w.overdue.length + w.dueSoon.length,
    }));
    const allFor = workers.find((w) => w.id === opts.allFor) ?? null;
    const workerOptions = d.workers.slice().sort((a, b) => byName.compare(a.name, b.name))
      .map((w) => ({ value: w.id, text: `${w.name} (${w.caseload} ${w.caseload === 1 ? 'child' : 'children'})` }));
    res.status(opts.errors ? 400 : 200).render('team/dashboard.njk', {
      today: dayDate(d.today), team: d.team, workers,
      totals: {
        caseload: workers.reduce((n, w) => n + w.caseload, 0),
        overdue: workers.reduce((n, w) => n + w.overdueCount, 0),
        dueSoon: workers.reduce((n, w) => n + w.dueSoonCount, 0),
      },
      unallocated: d.unallocated.map((u) => ({
        personId: u.personId, child: d.children.get(u.personId)?.name ?? u.personId, since: dayDate(u.since), because: u.because,
        episode: u.episode.what, workingDays: u.workingDays, overdue: u.clock.state === 'overdue', due: dayDate(u.clock.due),
        options: [{ value: '', text: 'Choose a worker' }, ...workerOptions.map((o) => ({ ...o, selected: o.value === opts.chosen?.[u.personId] }))],
      })),
      steps: d.steps.map((s) => ({ ...s, child: d.children.get(s.personId)?.name ?? s.personId, requested: dayDate(s.requested) })),
      allocationStandard: d.allocationStandard, dueSoonDays: DUE_SOON_WORKING_DAYS, allocated: opts.allocated ?? null,
      listedPerWorker: LISTED_PER_WORKER, allFor,
      errors: opts.errors, errorList: opts.errors ? errorSummary(opts.errors) : undefined,
    });
  }

  router.get('/team', async (req, res) => {
    const viewer = viewerOf(res);
    const id = typeof req.query.allocated === 'string' ? req.query.allocated : null;
    const allFor = typeof req.query.worker === 'string' ? req.query.worker : null;
    await renderDashboard(res, { allocated: id ? await allocationMadeBy(db, viewer, id) : null, allFor });
  });

  router.post('/team/allocate', async (req, res) => {
    const viewer = viewerOf(res);
    const personId = text(req, 'person');
    const workerId = text(req, 'worker');
    try {
      const done = await allocateChild(db, viewer, { personId, workerId });
      res.redirect(303, `/team?allocated=${encodeURIComponent(done.allocationId)}`);
    } catch (err) {
      if (!(err instanceof FormProblem)) throw err;
      await renderDashboard(res, { errors: err.errors, chosen: { [personId]: workerId } });
    }
  });

  router.get('/my-work', async (_req, res) => {
    const viewer = viewerOf(res);
    const work = await myWork(db, viewer);
    if (!work) {
      res.render('team/my-work.njk', { linked: false });
      return;
    }
    res.render('team/my-work.njk', {
      linked: true, today: dayDate(work.today), caseload: work.caseload, dueSoonDays: DUE_SOON_WORKING_DAYS,
      overdue: work.overdue.map((i) => row(i, work.children, work.today)),
      dueSoon: work.dueSoon.map((i) => row(i, work.children, work.today)),
    });
  });

  return router;
}

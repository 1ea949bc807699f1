/**
 * The weekly performance board (/board): the practice measures by service, team and worker, worst first, with
 * the children behind each shortfall. Who sees what is decided in src/repositories/board.ts.
 */
import { Router, type Request } from 'express';
import type { Database } from '../../db/database.js';
import { addMonthsToMonth, isMonth, monthLabel } from '../../domain/measures/index.js';
import type { BoardGroup } from '../../domain/report/board.js';
import { londonDate } from '../../domain/time/london.js';
import { boardForMeasure, shortfallChildren, weeklyBoard } from '../../repositories/board.js';
import { viewerOf } from '../auth.js';

function monthOf(req: Request): string {
  const m = req.query.month;
  return isMonth(m) ? m : addMonthsToMonth(londonDate(new Date()).slice(0, 7), -1);
}

/** Where the children behind a line of the board are listed. */
export function childrenHref(measureId: string, month: string, level: string, key: string): string {
  return `/board/${encodeURIComponent(measureId)}/${month}/children?level=${level}&key=${encodeURIComponent(key)}`;
}

function withLinks(measureId: string, month: string, groups: readonly BoardGroup[]) {
  return groups.map((g) => ({ ...g, href: g.shortfall > 0 ? childrenHref(measureId, month, g.level, g.key) : null }));
}

export function boardRoutes(db: Database): Router {
  const router = Router();

  router.get('/board', async (req, res) => {
    const month = monthOf(req);
    const board = await weeklyBoard(db, viewerOf(res), month);
    res.render('board/index.njk', {
      board, month, previous: addMonthsToMonth(month, -1), next: addMonthsToMonth(month, 1),
      measures: board.measures.map((m) => {
        // Furthest behind: the worst named team and worker ("not recorded" only when there is nothing else).
        const worst = (list: readonly BoardGroup[]) => list.find((g) => g.shortfall > 0 && g.key !== '') ?? list.find((g) => g.shortfall > 0) ?? null;
        const worstTeam = board.scope.kind === 'team' ? null : worst(m.byTeam);
        const worstWorker = worst(m.byWorker);
        return {
          ...m,
          href: `/board/${encodeURIComponent(m.id)}/${month}`,
          shortfallHref: m.overall.shortfall > 0 ? childrenHref(m.id, month, 'all', '') : null,
          worstTeam: worstTeam && { ...worstTeam, href: childrenHref(m.id, month, 'team', worstTeam.key) },
          worstWorker: worstWorker && { ...worstWorker, href: childrenHref(m.id, month, 'worker', worstWorker.key) },
        };
      }),
    });
  });

  router.get('/board/:id/:month', async (req, res, next) => {
    const month = req.params.month;
    if (!isMonth(month)) return next();
    const found = await boardForMeasure(db, viewerOf(res), req.params.id, month);
    if (!found) return next();
    const m = found.measure;
    res.render('board/measure.njk', {
      board: found.board, measure: m, month,
      tables: [
        { id: 'services', caption: 'By service', first: 'Service', rows: withLinks(m.id, month, m.byService) },
        { id: 'teams', caption: 'By team', first: 'Team', rows: withLinks(m.id, month, m.byTeam) },
        { id: 'workers', caption: 'By worker holding the case', first: 'Worker', rows: withLinks(m.id, month, m.byWorker) },
      ],
    });
  });

  router.get('/board/:id/:month/children', async (req, res, next) => {
    const month = req.params.month;
    const level = String(req.query.level ?? '');
    if (!isMonth(month) || !['service', 'team', 'worker', 'all'].includes(level)) return next();
    const key = typeof req.query.key === 'string' ? req.query.key : '';
    const found = await shortfallChildren(db, viewerOf(res), req.params.id, month, level as 'service' | 'team' | 'worker' | 'all', key);
    if (!found) return next();
    res.render('board/children.njk', { ...found, month, monthLabel: monthLabel(month), level });
  });

  return router;
}

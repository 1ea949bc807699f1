/**
 * The performance dataset as web pages: the monthly dataset table (laid out like the seed report's
 * Appendix 1) with each figure linking to the children and dates behind it, a page at a time.
 */
import { Router, type Request } from 'express';
import type { Database } from '../../db/database.js';
import { addMonthsToMonth, isMonth, measures } from '../../domain/measures/index.js';
import { londonDate } from '../../domain/time/london.js';
import { accessDecision } from '../../repositories/access.js';
import { logAccess, requireRead } from '../../repositories/viewer.js';
import { buildDataset, drillDown } from '../../services/dataset.js';
import { viewerOf } from '../auth.js';

const PAGE = 50;

/** The month asked for, or the last whole month. */
function monthOf(req: Request): string {
  const m = req.query.month;
  return isMonth(m) ? m : addMonthsToMonth(londonDate(new Date()).slice(0, 7), -1);
}

export function performanceRoutes(db: Database): Router {
  const router = Router();

  router.get('/performance', async (req, res) => {
    const viewer = viewerOf(res);
    const month = monthOf(req);
    const dataset = await buildDataset(db, { month });
    await logAccess(db, viewer, { action: 'view', detail: `performance dataset ${month}` });
    res.render('performance/dataset.njk', {
      dataset, month, previous: addMonthsToMonth(month, -1), next: addMonthsToMonth(month, 1), canDrill: (await accessDecision(db, viewer, 'read', null)).allowed,
    });
  });

  router.get('/performance/:id/:month', async (req, res, next) => {
    const viewer = viewerOf(res);
    const def = measures.find((m) => m.id === req.params.id);
    const month = req.params.month;
    if (!def || !isMonth(month)) return next();
    await requireRead(db, viewer, { action: 'view', detail: `drill-down ${def.id} ${month}` });
    const pageNumber = Math.max(1, Number.parseInt(String(req.query.page ?? '1'), 10) || 1);
    const result = await drillDown(db, def, month, { offset: (pageNumber - 1) * PAGE, limit: PAGE });
    await logAccess(db, viewer, { action: 'view', detail: `drill-down ${def.id} ${month} page ${pageNumber}` });
    const pages = Math.max(1, Math.ceil(result.total / PAGE));
    res.render('performance/drill.njk', {
      def, month, result, pageNumber, pages, from: (pageNumber - 1) * PAGE + 1, to: Math.min(result.total, pageNumber * PAGE),
      rows: result.rows.map((r) => ({ personId: r.personId, recordId: r.recordId, teamId: r.teamId, inNumerator: r.inNumerator, inDenominator: r.inDenominator, explanation: r.explanation, problem: r.problem })),
    });
  });

  return router;
}

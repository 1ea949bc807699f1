/** Emergency ("break-glass") access to a restricted record: a reason is required, recorded and logged. */
import { Router } from 'express';
import type { Database } from '../../db/database.js';
import { breakGlass, BREAK_GLASS_MINUTES } from '../../repositories/access.js';
import { viewerOf } from '../auth.js';
import { errorSummary, safeNext, text } from '../forms.js';

export function accessRoutes(db: Database): Router {
  const router = Router();
  router.post('/emergency-access', async (req, res) => {
    const viewer = viewerOf(res);
    const personId = text(req, 'person');
    const reason = text(req, 'reason');
    const next = safeNext(req.body?.next);
    if (reason.length < 10) {
      const errors = { reason: 'Say why you need to see this record now (at least 10 characters)' };
      res.status(400).render('access/restricted.njk', { personId, next, errors, errorList: errorSummary(errors), values: { reason }, minutes: BREAK_GLASS_MINUTES });
      return;
    }
    await breakGlass(db, viewer, personId, reason);
    res.redirect(303, next);
  });
  return router;
}

/** Offering back a form that was sent after its author's session timed out (see auth.ts). */
import { Router } from 'express';
import type { Database } from '../../db/database.js';
import { findDraft } from '../../repositories/users.js';
import { viewerOf } from '../auth.js';

export function draftRoutes(db: Database): Router {
  const router = Router();
  router.get('/drafts/:id', async (req, res, next) => {
    const draft = await findDraft(db, req.params.id, viewerOf(res));
    if (!draft) return next();
    const fields = Object.entries(draft.fields).flatMap(([name, v]) => (Array.isArray(v) ? v : [v]).map((value) => ({ name, value: String(value) })));
    res.render('drafts/offer.njk', { action: draft.action, fields });
  });
  return router;
}

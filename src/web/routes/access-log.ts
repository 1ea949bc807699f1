/** The data protection officer's pages: who looked at a child's record, what a user looked at, subject access export. */
import { Router } from 'express';
import type { Database } from '../../db/database.js';
import { subjectAccessExport, whatUserLookedAt, whoLookedAt } from '../../repositories/access-log.js';
import { requireAccess } from '../../repositories/viewer.js';
import { viewerOf } from '../auth.js';

export function accessLogRoutes(db: Database): Router {
  const router = Router();

  router.get('/access-log', async (req, res) => {
    const viewer = viewerOf(res);
    const person = typeof req.query.person === 'string' ? req.query.person.trim() : '';
    const user = typeof req.query.user === 'string' ? req.query.user.trim() : '';
    const entries = person ? await whoLookedAt(db, viewer, person) : user ? await whatUserLookedAt(db, viewer, user) : null;
    if (!person && !user) await requireAccess(db, viewer, 'audit-log', { action: 'audit', detail: 'access log page' });
    res.render('access-log/index.njk', { person, user, entries });
  });

  router.get('/access-log/children/:id/subject-access.json', async (req, res) => {
    const data = await subjectAccessExport(db, viewerOf(res), req.params.id);
    res.attachment(`subject-access-${req.params.id}.json`).json(data);
  });

  return router;
}

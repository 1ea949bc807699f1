/** The system administrator's page: the access rules (changed as data, with a reason) and the route table. */
import { Router } from 'express';
import type { Database } from '../../db/database.js';
import { ACTION_LABELS, ACTIONS, SCOPE_LABELS, SCOPES, type Action, type Scope } from '../../domain/access/rules.js';
import { isRole, ROLES } from '../../domain/access/roles.js';
import { accessRules, setAccessRule } from '../../repositories/access.js';
import { viewerOf } from '../auth.js';
import { errorSummary, text, type FormErrors } from '../forms.js';
import { ROUTES, rolesFor } from '../route-access.js';

export function adminRoutes(db: Database): Router {
  const router = Router();

  async function render(res: import('express').Response, extra: Record<string, unknown> = {}) {
    const rules = await accessRules(db);
    res.render('admin/access.njk', {
      roles: Object.entries(ROLES).map(([id, label]) => ({ id, label, scopes: ACTIONS.map((a) => SCOPE_LABELS[rules[id as keyof typeof ROLES][a]]) })),
      actions: ACTIONS.map((a) => ({ id: a, label: ACTION_LABELS[a] })),
      scopes: SCOPES.map((s) => ({ value: s, text: SCOPE_LABELS[s] })),
      routes: ROUTES.map((r) => {
        const allowed = rolesFor(r, rules);
        return { ...r, roles: allowed === 'everyone' ? 'Everyone, signed in or not' : allowed.map((x) => ROLES[x]).join(', ') || 'Nobody' };
      }),
      ...extra,
    });
  }

  router.get('/admin/access', async (_req, res) => render(res, { saved: _req.query.saved === '1' }));

  router.post('/admin/access', async (req, res) => {
    const viewer = viewerOf(res);
    const role = text(req, 'role');
    const action = text(req, 'action');
    const scope = text(req, 'scope');
    const reason = text(req, 'reason');
    const errors: FormErrors = {};
    if (!isRole(role)) errors.role = 'Select a role';
    if (!(ACTIONS as readonly string[]).includes(action)) errors.action = 'Select an action';
    if (!(SCOPES as readonly string[]).includes(scope)) errors.scope = 'Select a scope';
    if (!reason) errors.reason = 'Enter why the rule is changing';
    if (Object.keys(errors).length) {
      res.status(400);
      return render(res, { errors, errorList: errorSummary(errors), values: { role, action, scope, reason } });
    }
    await setAccessRule(db, role as keyof typeof ROLES, action as Action, scope as Scope, viewer.username, reason);
    res.redirect(303, '/admin/access?saved=1');
  });

  return router;
}

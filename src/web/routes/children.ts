import { Router } from 'express';
import type { Database } from '../../db/database.js';

export function childrenRoutes(_db: Database): Router {
  const router = Router();
  return router;
}

import { Router } from 'express';
import type { Database } from '../../db/database.js';

export function teamRoutes(_db: Database): Router {
  const router = Router();
  return router;
}

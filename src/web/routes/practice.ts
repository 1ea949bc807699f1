import { Router } from 'express';
import type { Database } from '../../db/database.js';

export function practiceRoutes(_db: Database): Router {
  const router = Router();
  return router;
}

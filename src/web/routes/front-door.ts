import { Router } from 'express';
import type { Database } from '../../db/database.js';

export function frontDoorRoutes(_db: Database): Router {
  const router = Router();
  return router;
}

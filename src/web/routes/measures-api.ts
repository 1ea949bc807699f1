/**
 * The measures over HTTP (JSON, CSV, XLSX): the dataset, the drill-down of any figure (paged, or the
 * whole list streamed as CSV), and the effect of late recording. Thin: the service does the work.
 * Every read of child-level rows is written to the access log.
 */
import type { Request, Response, Router } from 'express';
import { logAccess } from '../../repositories/viewer.js';
import { viewerOf } from '../auth.js';
import express from 'express';
import type { Database } from '../../db/database.js';
import { isMonth, knownAtInstant, measures } from '../../domain/measures/index.js';
import { datasetCsv, datasetXlsx, drillCsvLine, DRILL_HEADER } from '../../io/dataset-files.js';
import { csvLine } from '../../io/csv.js';
import { allRows, buildDataset, drillDown, lateRecording } from '../../services/dataset.js';

class BadRequest extends Error {}

function month(value: unknown): string {
  if (!isMonth(value)) throw new BadRequest('month must be YYYY-MM');
  return value;
}

function knownAt(value: unknown): Date | undefined {
  if (value === undefined || value === '') return undefined;
  const at = typeof value === 'string' ? knownAtInstant(value) : null;
  if (!at) throw new BadRequest('knownAt must be a date or date-time');
  return at;
}

function measure(id: string | undefined) {
  const m = measures.find((x) => x.id === id);
  if (!m) throw new BadRequest(`unknown measure "${id}"; measures: ${measures.map((x) => x.id).join(', ')}`);
  return m;
}

function int(value: unknown, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > max) throw new BadRequest(`expected a whole number from 0 to ${max}`);
  return n;
}

export function measuresApi(db: Database): Router {
  const router = express.Router();
  const logRead = (res: Response, what: string) => logAccess(db, viewerOf(res), { action: 'read', detail: what });

  const handle = (fn: (req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
    try {
      await fn(req, res);
    } catch (err) {
      if (err instanceof BadRequest) res.status(400).json({ error: err.message });
      else throw err;
    }
  };

  router.get('/api/measures', handle(async (req, res) => {
    const at = knownAt(req.query.knownAt);
    const ds = await buildDataset(db, { month: month(req.query.month), months: int(req.query.months, 13, 60), ...(at ? { knownAt: at } : {}) });
    res.json(ds);
  }));

  router.get('/api/measures.csv', handle(async (req, res) => {
    const at = knownAt(req.query.knownAt);
    const m = month(req.query.month);
    const ds = await buildDataset(db, { month: m, ...(at ? { knownAt: at } : {}) });
    res.type('text/csv').attachment(`dataset-${m}.csv`).send(datasetCsv(ds));
  }));

  router.get('/api/measures.xlsx', handle(async (req, res) => {
    const at = knownAt(req.query.knownAt);
    const m = month(req.query.month);
    const ds = await buildDataset(db, { month: m, ...(at ? { knownAt: at } : {}) });
    res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').attachment(`dataset-${m}.xlsx`).send(await datasetXlsx(ds));
  }));

  router.get('/api/measures/:id/:month/rows', handle(async (req, res) => {
    const def = measure(req.params.id as string);
    const m = month(req.params.month);
    const at = knownAt(req.query.knownAt);
    await logRead(res, `drill-down ${def.id} ${m}`);
    if (req.query.format === 'csv') {
      res.type('text/csv').attachment(`${def.id}-${m}.csv`);
      res.write(csvLine(DRILL_HEADER));
      for await (const row of allRows(db, def, m, at)) {
        if (!res.write(drillCsvLine(row))) await new Promise((ok) => res.once('drain', ok));
      }
      res.end();
      return;
    }
    const offset = int(req.query.offset, 0, 10_000_000);
    const limit = int(req.query.limit, 100, 1000);
    const page = await drillDown(db, def, m, { offset, limit }, at);
    res.json({ measure: def.id, month: m, value: page.value, total: page.total, offset, limit, rows: page.rows });
  }));

  router.get('/api/measures/:id/:month/late', handle(async (req, res) => {
    const def = measure(req.params.id as string);
    const m = month(req.params.month);
    await logRead(res, `late recording ${def.id} ${m}`);
    res.json(await lateRecording(db, def, m, int(req.query.days, 5, 366)));
  }));

  return router;
}

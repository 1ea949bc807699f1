/**
 * Reads the DfE files in reference/dfe/ into a DfeTable, once per folder (cached).
 * This is the only module of src/comparators that touches the file system.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { projectRoot } from '../project-root.js';
import { dataFiles, snGroupings, type DfeDataFileId, type SnGroupingId } from './sources.js';
import { buildTable, type DfeTable } from './table.js';

/** reference/dfe/ under the package root. */
export const dfeReferenceFolder: string = join(projectRoot, 'reference', 'dfe');

const cache = new Map<string, DfeTable>();

function readRecords(folder: string, fileName: string): string[][] {
  const text = readFileSync(join(folder, fileName), 'utf8');
  // Values are kept as text (markers such as "c" and "x" must survive); BOMs are dropped; rows may be ragged.
  return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
}

/** Loads (first call) or returns (later calls) the table for `folder` (default reference/dfe/). */
export function loadDfeTable(folder: string = dfeReferenceFolder): DfeTable {
  const cached = cache.get(folder);
  if (cached) return cached;
  const files = {} as Record<DfeDataFileId, string[][]>;
  for (const id of Object.keys(dataFiles) as DfeDataFileId[]) files[id] = readRecords(folder, dataFiles[id].fileName);
  const groupings = {} as Record<SnGroupingId, string[][]>;
  for (const id of Object.keys(snGroupings) as SnGroupingId[]) groupings[id] = readRecords(folder, snGroupings[id].fileName);
  const table = buildTable(folder, { files, groupings });
  cache.set(folder, table);
  return table;
}

/** Forgets cached tables (tests, or after the reference files change). */
export function clearDfeTableCache(): void {
  cache.clear();
}

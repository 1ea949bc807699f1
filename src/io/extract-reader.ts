/**
 * Reading the CSV files of an extract, row by row, with the line number of each row.
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

export interface Problem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.message}`;
}

/**
 * Streams a CSV file: `onHeader` gets the header row, `onRow` each later row with its line number.
 * A file that is not well-formed CSV is reported as a problem at the line where it breaks.
 */
export async function readCsv(
  path: string,
  fileLabel: string,
  onHeader: (header: string[]) => void,
  onRow: (cells: string[], line: number) => void | Promise<void>,
  onBytes?: (bytes: number) => void,
  /** Line numbers cost time; a second reading of a checked file can do without them. */
  withLines = true,
): Promise<Problem | null> {
  const stream = createReadStream(path);
  if (onBytes) stream.on('data', (chunk) => onBytes(chunk.length));
  const parser = stream.pipe(
    parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: withLines }),
  );
  let first = true;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } } | string[]>) {
      const [record, line] = Array.isArray(item) ? [item, 0] : [item.record, item.info.lines];
      if (first) {
        first = false;
        onHeader(record);
        continue;
      }
      await onRow(record, line);
    }
  } catch (err) {
    stream.destroy();
    const e = err as { lines?: number; message: string };
    return { file: fileLabel, line: e.lines ?? 0, column: 0, message: `not well-formed CSV: ${e.message}` };
  }
  if (first) return { file: fileLabel, line: 1, column: 0, message: 'the file is empty: a header row is needed' };
  return null;
}

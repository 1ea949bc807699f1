/**
 * CSV text (RFC 4180): a buffered writer, and cell quoting. Reading uses csv-parse (see extract-reader.ts).
 */
import { createWriteStream, type WriteStream } from 'node:fs';

export function csvCell(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(cells: readonly string[]): string {
  return cells.map(csvCell).join(',') + '\n';
}

/**
 * A CSV line for people to open in a spreadsheet (the dataset, drill-downs): a cell that a spreadsheet would
 * run as a formula (starting =, +, -, @, tab or carriage return, and not a plain number) gets a leading
 * apostrophe, so a name or note typed as "=HYPERLINK(...)" is shown, never run. Extracts (import/export)
 * are data, not for spreadsheets, and keep their values exactly.
 */
export function spreadsheetCsvLine(cells: readonly string[]): string {
  return csvLine(cells.map((c) => (/^[=+\-@\t\r]/.test(c) && !/^[+-]?\d+(\.\d+)?%?$/.test(c) ? `'${c}` : c)));
}

/** Writes CSV lines to a file through a buffer, honouring back-pressure. */
export class CsvFileWriter {
  private readonly stream: WriteStream;
  private buffer: string[] = [];
  private size = 0;
  rows = 0;

  constructor(path: string, header: readonly string[]) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.buffer.push(csvLine(header));
  }

  /** Adds a row; resolves at once unless the buffer had to be flushed into a busy stream. */
  async write(cells: readonly string[]): Promise<void> {
    const line = csvLine(cells);
    this.buffer.push(line);
    this.size += line.length;
    this.rows++;
    if (this.size > 1 << 20) await this.flush();
  }

  private async flush(): Promise<void> {
    const chunk = this.buffer.join('');
    this.buffer = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await new Promise<void>((resolve) => this.stream.once('drain', resolve));
  }

  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => this.stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
}

/**
 * Progress on long work, on standard error: a bar redrawn in place on a terminal, or a line every few
 * seconds (and at each new stage) when output goes to a file or CI log.
 */
export class Progress {
  private lastLabel = '';
  private lastPrint = 0;
  private readonly started = Date.now();
  private readonly tty = Boolean(process.stderr.isTTY);

  constructor(private readonly title: string) {}

  update(done: number, total: number, label: string): void {
    const now = Date.now();
    const pct = total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0;
    const secs = ((now - this.started) / 1000).toFixed(0);
    if (this.tty) {
      if (now - this.lastPrint < 100 && label === this.lastLabel && done < total) return;
      const width = 30;
      const filled = Math.round((pct / 100) * width);
      const line = `${this.title} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(pct).padStart(3)}% ${label} (${secs}s)`;
      process.stderr.write(`\r${line.slice(0, (process.stderr.columns || 120) - 1).padEnd((process.stderr.columns || 120) - 1)}`);
    } else {
      if (label === this.lastLabel && now - this.lastPrint < 5000) return;
      process.stderr.write(`${this.title}: ${pct}% ${label} (${secs}s)\n`);
    }
    this.lastLabel = label;
    this.lastPrint = now;
  }

  done(message: string): void {
    if (this.tty) process.stderr.write('\r\x1b[K');
    process.stderr.write(`${this.title}: ${message} (${((Date.now() - this.started) / 1000).toFixed(1)}s)\n`);
  }
}

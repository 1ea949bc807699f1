#!/usr/bin/env node
// The `threadline` command. The TypeScript sources are compiled to dist/ by `npm install` (the prepare script).
process.env.TZ ??= 'Europe/London';
if (process.env.THREADLINE_REPORT_PEAK) {
  // For the benchmarks: the peak resident memory of this process, in KiB, on exit.
  process.on('exit', () => process.stderr.write(`PEAK_KB=${process.resourceUsage().maxRSS}\n`));
}
const { main } = await import('../dist/src/cli/main.js');
process.exitCode = await main(process.argv.slice(2));

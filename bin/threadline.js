#!/usr/bin/env node
// The `threadline` command. The TypeScript sources are compiled to dist/ by `npm install` (the prepare script).
process.env.TZ ??= 'Europe/London';
const { main } = await import('../dist/src/cli/main.js');
process.exitCode = await main(process.argv.slice(2));

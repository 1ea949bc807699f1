// CI: `npm audit` of the production dependencies. Fails on any high or critical advisory. If the registry's
// advisory service cannot be reached (some networks allow only package downloads), says so loudly and
// carries on: the check could not be made, which is not the same as passing.
import { spawnSync } from 'node:child_process';

const r = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', timeout: 120_000 });
let report;
try {
  report = JSON.parse(r.stdout);
} catch {
  console.log(`npm audit: COULD NOT CHECK (no report: ${r.stderr.trim().split('\n').at(-1) ?? 'no output'})`);
  process.exit(0);
}
if (!report.metadata) {
  console.log(`npm audit: COULD NOT CHECK (${report.message ?? report.error?.summary ?? 'the advisory service did not answer'})`);
  process.exit(0);
}
const v = report.metadata.vulnerabilities;
console.log(`npm audit (production dependencies): critical ${v.critical}, high ${v.high}, moderate ${v.moderate}, low ${v.low}`);
if (v.critical + v.high > 0) {
  for (const [name, info] of Object.entries(report.vulnerabilities ?? {})) {
    if (info.severity === 'high' || info.severity === 'critical') console.log(`  ${info.severity}: ${name} (${info.range})`);
  }
  process.exit(1);
}

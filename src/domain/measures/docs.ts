/**
 * docs/measures.md, generated from the definitions: each measure's documentation and its worked example,
 * computed by the same code that computes the real figures (so the document cannot drift from the code).
 */
import { computeMeasure } from './compute.js';
import { measureContext } from './context.js';
import { monthLabel } from './period.js';
import { measures } from './registry.js';
import { SETTING_DOCS, type SettingName } from './settings.js';
import type { DrillRow, MeasureDefinition, MeasureValue } from './types.js';

const EXAMPLE_ROWS = 12;

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const yes = (b: boolean) => (b ? 'yes' : '–');

function heading(def: MeasureDefinition): string {
  return def.number === null ? def.title : `${def.number}. ${def.title}`;
}

function anchor(def: MeasureDefinition): string {
  return heading(def).toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');
}

function unitText(def: MeasureDefinition): string {
  const places = def.decimals === 1 ? '1 decimal place' : `${def.decimals} decimal places`;
  return def.unit === 'count' ? 'count' : `${def.unit}, ${places}`;
}

function resultText(def: MeasureDefinition, value: MeasureValue): string {
  if (value.value === null) return `**no data**`;
  const n = value.numerator;
  const d = value.denominator;
  switch (def.unit) {
    case 'percent':
      return `**${value.display}** (${n} of ${d})`;
    case 'rate per 10,000':
      return `**${value.display}** (${n} ÷ ${thousands(d ?? 0)} × 10,000)`;
    case 'caseload':
      return `**${value.display}** (${n} children ÷ ${d} FTE)`;
    case 'count':
      return `**${value.display}** (${d} in the denominator)`;
  }
}

function rowTable(rows: readonly DrillRow[]): string[] {
  const out = ['| record | child | numerator | denominator | why |', '|---|---|---|---|---|'];
  for (const r of rows.slice(0, EXAMPLE_ROWS)) {
    const weight = (w: number | undefined, inIt: boolean) => (inIt ? (w === undefined ? 'yes' : `${w} FTE`) : '–');
    out.push(
      `| ${cell(r.recordId)} | ${cell(r.personId ?? '')} | ${r.numeratorWeight === undefined ? yes(r.inNumerator) : weight(r.numeratorWeight, r.inNumerator)} | ` +
        `${weight(r.denominatorWeight, r.inDenominator)} | ${cell(r.explanation)}${r.problem ? ` (data quality: ${cell(r.problem)})` : ''} |`,
    );
  }
  if (rows.length > EXAMPLE_ROWS) out.push(`| … | | | | and ${rows.length - EXAMPLE_ROWS} more rows |`);
  return out;
}

function settingText(name: SettingName): string {
  return `\`${name}\` (default ${SETTING_DOCS[name].default})`;
}

function measureSection(def: MeasureDefinition): string[] {
  const { definition: text, example } = def;
  const ctx = measureContext(example.inputs(), example.settings ?? {});
  const rows = [...def.rows(ctx, example.month)];
  const value = computeMeasure(def, ctx, example.month);
  const out = [
    `## ${heading(def)}`,
    '',
    `\`${def.id}\` · ${def.frequency} · ${def.better === 'high' ? 'higher' : 'lower'} is better · ${unitText(def)} · ${def.serviceArea}`,
    '',
    `- **Numerator:** ${text.numerator}`,
    `- **Denominator:** ${text.denominator}`,
    `- **Included:** ${text.inclusions}`,
    `- **Excluded:** ${text.exclusions}`,
  ];
  if (text.notes) out.push(`- **Notes:** ${text.notes}`);
  out.push(`- **Settings:** ${def.settings.length === 0 ? 'none' : def.settings.map(settingText).join(', ')}`);
  out.push('', `### Worked example (${monthLabel(example.month)})`, '', example.story, '', ...rowTable(rows), '');
  out.push(`Result: ${resultText(def, value)}.`);
  const extras = Object.entries(value.extras);
  if (extras.length > 0) out.push(`Beside it: ${extras.map(([k, v]) => `${k} ${v}`).join(', ')}.`);
  out.push(`Notes: ${value.notes.join(' ')}`);
  if (value.dataQuality.length > 0) {
    out.push(`Data quality: ${value.dataQuality.map((r) => `${r.recordId}: ${r.problem}`).join('; ')}.`);
  }
  out.push('');
  return out;
}

/** The whole of docs/measures.md. */
export function measuresMarkdown(): string {
  const lines = [
    '# Performance measures',
    '',
    '<!-- Generated from src/domain/measures (each definition\'s documentation and worked example) by measuresMarkdown(). ',
    '     Do not edit by hand: change the definition, then run `npm run docs`. -->',
    '',
    'Each measure is computed from the child-level record by one named definition in `src/domain/measures/definitions/`, ',
    'following `shared/docs/kpi-definitions.md`. A figure is the sum of its drill-down rows: every child, event, post or worker ',
    'that decided it, with its place in the numerator and denominator, the dates that decided it and a plain-English reason.',
    '',
    '## Conventions',
    '',
    '- **Month.** A calendar month. *As at month end*: the state at the end of its last day. *Monthly*: events in it (London ' +
      'dates). *Cumulative*: events from 1 April of the financial year to month end. *Rolling 12 months*: the 12 calendar ' +
      'months ending with it.',
    '- **Open.** A record is open at the end of day D if it started on or before D and has no end or ends after D: a plan ' +
      'ending on the month end day is not open at month end, one starting on it is.',
    '- **Working days.** Monday to Friday except England and Wales bank holidays and the authority\'s closure days. From A to B ' +
      'is the number of working days d with A < d ≤ B (A is day 0, even on a weekend). "Within N" means at most N.',
    '- **Hours.** Elapsed real time between two instants: across a clock change a calendar day is 23 or 25 hours.',
    '- **Calendar months.** A missing day becomes the month\'s last day (30 Nov + 3 months = 28 Feb).',
    '- **Rounding.** Half up on the exact fraction, with integer arithmetic (6.25% → 6.3%, a caseload of 1.005 → 1.01). FTE ' +
      'is carried in exact thousandths.',
    '- **No data.** An empty denominator (or, for a rate, no population estimate) gives "no data", never 0% or 100%.',
    '- **Population.** The mid-year estimate for the most recent 30 June on or before the month end; if not configured, the ' +
      'latest earlier one, and the notes say which was used.',
    '- **Known at.** The inputs are the records as known at an instant; the definitions never look at the clock.',
    '- **Data quality.** Rows whose records are inconsistent or incomplete are listed with the figure; the definition says ' +
      'whether they count.',
    '',
    '## Settings',
    '',
    '| setting | default | meaning |',
    '|---|---|---|',
    ...(Object.keys(SETTING_DOCS) as SettingName[]).map((name) => `| \`${name}\` | ${SETTING_DOCS[name].default} | ${SETTING_DOCS[name].description} |`),
    '',
    '## The measures',
    '',
    '| # | measure | frequency | better | unit |',
    '|---|---|---|---|---|',
    ...measures.map((m) => `| ${m.number ?? 'national'} | [${m.title}](#${anchor(m)}) | ${m.frequency} | ${m.better} | ${unitText(m)} |`),
    '',
  ];
  for (const def of measures) lines.push(...measureSection(def));
  return `${lines.join('\n').trimEnd()}\n`;
}

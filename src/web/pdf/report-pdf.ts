/**
 * The monthly monitoring report as a PDF (pdfkit), from the same content as the page, live or published:
 * a title block (authority, month, status, when the figures were counted, who reviewed and published), the
 * summary analysis, then each measure on its own block (actual, target, RAG, change, comparators, the
 * 13-month trend drawn as vector graphics with the sentence stating it, and the analyst's commentary), the
 * other sections, and the Appendix 1 dataset on landscape pages. Every page has the report's name and
 * "Page N of M". The standard PDF fonts only: text is made safe for them, and arrows are said in words.
 */
import PDFDocument from 'pdfkit';
import { valueScale, formatValue } from '../../domain/report/trend-chart.js';
import type { ReportContent, ReportMeasure } from '../../services/report.js';
import { formatDateTime } from '../format.js';

type Doc = InstanceType<typeof PDFDocument>;

export interface ReportPdfOptions {
  /** "Draft: figures as the records are now", "Published version 2". */
  status: string;
  published?: { by: string; at: string; reviewedBy: string; reviewedAt: string };
}

const MARGIN = 50;
const INK = '#0b0c0c';
const GREY = '#505a5f';
const GRID = '#cecece';
const LINE = '#1d70b8';
const RAG_COLOUR: Record<string, string> = { red: '#d4351c', amber: '#ffdd00', green: '#00703c' };
const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** Text the standard fonts can draw (Latin-1 and code page 1252's marks); accents decomposed, the rest "?". */
export function pdfText(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0)!;
    if (ch === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch)) out += ch;
    else if (ch === '\t' || ch === '\r') out += ' ';
    else {
      const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      out += base !== ch && [...base].every((c) => c.charCodeAt(0) < 0x7f) ? base : '?';
    }
  }
  return out;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function changeWords(d: ReportMeasure['change']): string {
  if (!d) return 'no figure to compare with';
  return d.judgement === 'same' ? d.words : `${d.words} (${d.judgement})`;
}

/** The 13-month trend as vector graphics in the box (x, y, w, h): the same picture as the page's SVG. */
export function drawTrendChart(doc: Doc, m: ReportMeasure, box: { x: number; y: number; w: number; h: number }): void {
  const known = m.months.filter((p): p is typeof p & { value: number } => p.value !== null);
  const scale = valueScale([...known.map((p) => p.value), ...(m.target !== null ? [m.target] : [])], m.unit);
  const plot = { x0: box.x + 44, x1: box.x + box.w - 60, y0: box.y + 16, y1: box.y + box.h - 30 };
  const count = Math.max(1, m.months.length);
  const stepX = (plot.x1 - plot.x0) / count;
  const px = (i: number) => plot.x0 + stepX * (i + 0.5);
  const py = (v: number) => plot.y1 - ((v - scale.lo) / (scale.hi - scale.lo)) * (plot.y1 - plot.y0);
  const fmt = (v: number) => formatValue(v, m.unit, m.decimals);
  let decimals = 0;
  while (decimals < 3 && Math.abs(Math.round(scale.step * 10 ** decimals) - scale.step * 10 ** decimals) > 1e-6) decimals++;

  doc.save();
  doc.font('Helvetica').fontSize(7).fillColor(GREY);
  const axisTitle = m.unit === 'percent' ? 'Per cent' : m.unit === 'rate per 10,000' ? 'Rate per 10,000 children' : m.unit === 'caseload' ? 'Cases per worker' : 'Number';
  doc.text(axisTitle, box.x, box.y, { lineBreak: false });
  for (const t of scale.ticks) {
    const ty = py(t);
    doc.moveTo(plot.x0, ty).lineTo(plot.x1, ty).lineWidth(0.5).strokeColor(GRID).stroke();
    const label = `${t.toFixed(decimals)}${m.unit === 'percent' ? '%' : ''}`;
    doc.fillColor(GREY).text(label, box.x, ty - 3.5, { width: 40, align: 'right', lineBreak: false });
  }
  doc.moveTo(plot.x0, plot.y0).lineTo(plot.x0, plot.y1).lineTo(plot.x1, plot.y1).lineWidth(0.75).strokeColor(INK).stroke();
  m.months.forEach((p, i) => {
    const mx = px(i);
    const monthNumber = Number(p.month.slice(5, 7));
    doc.moveTo(mx, plot.y1).lineTo(mx, plot.y1 + 3).lineWidth(0.75).strokeColor(INK).stroke();
    doc.fillColor(INK).text(SHORT_MONTHS[monthNumber - 1] ?? '', mx - 15, plot.y1 + 5, { width: 30, align: 'center', lineBreak: false });
    if (i === 0 || monthNumber === 1) doc.fillColor(GREY).text(p.month.slice(0, 4), mx - 15, plot.y1 + 14, { width: 30, align: 'center', lineBreak: false });
  });
  if (m.target !== null) {
    const ty = py(m.target);
    doc.moveTo(plot.x0, ty).lineTo(plot.x1, ty).lineWidth(1.25).dash(5, { space: 3 }).strokeColor(INK).stroke().undash();
    doc.fillColor(INK).text('Target', plot.x1 + 5, ty - 8, { lineBreak: false });
    doc.font('Helvetica-Bold').text(fmt(m.target), plot.x1 + 5, ty + 1, { lineBreak: false }).font('Helvetica');
  }
  // The line, broken at months without a figure, then the points; the latest labelled.
  let drawing = false;
  m.months.forEach((p, i) => {
    if (p.value === null) {
      drawing = false;
      return;
    }
    if (!drawing) doc.moveTo(px(i), py(p.value));
    else doc.lineTo(px(i), py(p.value));
    drawing = true;
  });
  doc.lineWidth(2).lineJoin('round').strokeColor(LINE).stroke();
  m.months.forEach((p, i) => {
    if (p.value === null) return;
    const last = i === m.months.length - 1;
    doc.circle(px(i), py(p.value), last ? 3.5 : 2.5).fillColor(last ? INK : LINE).fill();
  });
  const last = m.months[m.months.length - 1];
  if (last && last.value !== null) {
    const ly = py(last.value);
    const above = ly - plot.y0 > 14;
    doc.font('Helvetica-Bold').fontSize(8).fillColor(INK).text(fmt(last.value), px(m.months.length - 1) - 25, above ? ly - 14 : ly + 6, { width: 50, align: 'center', lineBreak: false });
  }
  if (!known.length) doc.font('Helvetica').fontSize(9).fillColor(INK).text('No figures for these months', plot.x0, (plot.y0 + plot.y1) / 2, { width: plot.x1 - plot.x0, align: 'center' });
  doc.restore();
}

/** Renders the other sections without knowing their shape: headings for keys, tables for lists of records. */
function drawSections(doc: Doc, value: unknown, depth: number, label: string | null, width: number): void {
  const words = (k: string) => cap(k.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[-_]/g, ' ').toLowerCase());
  const scalar = (v: unknown) => (v === null || v === undefined ? '–' : typeof v === 'number' ? v.toLocaleString('en-GB') : String(v));
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (Array.isArray(value)) {
    if (label) heading(doc, words(label), depth);
    if (!value.length) {
      doc.font('Helvetica').fontSize(9).fillColor(GREY).text('None.', { width });
      return;
    }
    if (value.every((r) => isObj(r) && Object.values(r).every((c) => !isObj(c) && !Array.isArray(c)))) {
      const cols = [...new Set(value.flatMap((r) => Object.keys(r as object)))];
      table(doc, cols.map(words), value.map((r) => cols.map((c) => pdfText(scalar((r as Record<string, unknown>)[c])))), width);
    } else value.forEach((v, i) => drawSections(doc, v, depth + 1, `${label ?? 'Item'} ${i + 1}`, width));
    return;
  }
  if (isObj(value)) {
    if (label) heading(doc, words(label), depth);
    for (const [k, v] of Object.entries(value)) {
      if (isObj(v) || Array.isArray(v)) drawSections(doc, v, depth + 1, k, width);
      else doc.font('Helvetica-Bold').fontSize(9).fillColor(INK).text(`${pdfText(words(k))}: `, { continued: true, width }).font('Helvetica').text(pdfText(scalar(v)));
    }
    return;
  }
  doc.font('Helvetica').fontSize(9).fillColor(INK).text(pdfText(`${label ? `${words(label)}: ` : ''}${scalar(value)}`), { width });
}

// --- The other sections (src/repositories/report-sections.ts), as the page's partial shows them ------------

interface ShareLike { count: number; percent: number | null }
interface GradesLike { goodOrBetter: ShareLike; requiresImprovement: ShareLike; inadequate: ShareLike }
interface AuditPeriodLike {
  label: string; target: number | null; completed: number; percentOfTarget: number | null; grades: GradesLike;
  moderations: { target: number | null; count: number; percentOfTarget: number | null; grades: GradesLike; upgraded: ShareLike; unchanged: ShareLike; downgraded: ShareLike };
}
interface PlanLike {
  title: string; kindLabel?: string; owner: string; aim: string; measureTitle: string | null; startDate: string; closedOn: string | null; progress: string;
  summary: { words: string; total: number; done: number; dropped: number; inProgress: number; notStarted: number; overdue: number; nextDue: string | null };
  actions: { action: string; owner: string; dueDate: string; statusLabel: string; progress: string; overdue: boolean }[];
}
interface EntryLike { kind: string; title: string; date: string; who: string; outcome: string; details: string }
interface SectionsLike {
  monthLabel: string;
  audit: { quarter: { label?: string }; quarterToDate: boolean; targetBasis: string; months: AuditPeriodLike[]; quarterTotal: AuditPeriodLike; previousQuarter: AuditPeriodLike; findings: { text: string; by: string; at: string } | null };
  feedback: {
    workingDays: number; quarterLabel: string;
    months: { label: string; received: number; compliments: number; complaints: number; respondedInTime: number; respondedLate: number; overdue: number; awaiting: number; percentInTime: number | null }[];
    areasInMonth: { label: string; count: number; percent: number | null }[];
    areasInPeriod: { label: string; count: number; percent: number | null }[];
  };
  failures: { thresholds: { defaultWords: string; exceptions: { title: string; words: string }[] }; items: { number: number | null; title: string; latest: string; target: number | null; run: { label: string; display: string }[]; planIds: string[] }[] };
  actionPlans: PlanLike[];
  rectificationPlans: PlanLike[];
  surveys: EntryLike[];
  inspections: EntryLike[];
}

function isKnownSections(v: unknown): v is SectionsLike {
  const o = v as Partial<SectionsLike> | null;
  return !!o && typeof o === 'object' && !!o.audit?.months && !!o.feedback?.months && !!o.failures?.items && Array.isArray(o.actionPlans)
    && Array.isArray(o.rectificationPlans) && Array.isArray(o.surveys) && Array.isArray(o.inspections);
}

const pct = (p: number | null | undefined) => (p === null || p === undefined ? '–' : `${p}%`);
const shareText = (s: ShareLike) => `${s.count}${s.percent !== null ? ` (${s.percent}%)` : ''}`;
const dayText = (iso: string) => {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${d} ${['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][m! - 1]} ${y}`;
};

function paragraph(doc: Doc, text: string, width: number, opts: { size?: number; colour?: string; font?: string } = {}): void {
  doc.font(opts.font ?? 'Helvetica').fontSize(opts.size ?? 9.5).fillColor(opts.colour ?? INK).text(pdfText(text), doc.page.margins.left, doc.y, { width });
  doc.moveDown(0.3);
}

function drawPlans(doc: Doc, plans: PlanLike[], none: string, width: number): void {
  if (!plans.length) return paragraph(doc, none, width, { colour: GREY });
  for (const p of plans) {
    ensureRoom(doc, 90);
    doc.font('Helvetica-Bold').fontSize(10.5).fillColor(INK).text(pdfText(`${p.title} (${p.summary.words})`), doc.page.margins.left, doc.y, { width });
    const s = p.summary;
    const facts = [
      `Owner: ${p.owner}.`,
      p.measureTitle ? `Measure: ${p.measureTitle}.` : '',
      `Started ${dayText(p.startDate)}${p.closedOn ? `; closed ${dayText(p.closedOn)}` : ''}.`,
      s.total === 0 ? 'No actions recorded yet.' : `${s.done} of ${s.total - s.dropped} actions done; ${s.inProgress} in progress; ${s.notStarted} not started${s.overdue ? `; ${s.overdue} overdue` : ''}${s.nextDue ? `; next due ${dayText(s.nextDue)}` : ''}.`,
    ].filter(Boolean).join(' ');
    paragraph(doc, facts, width, { size: 9 });
    paragraph(doc, `To achieve: ${p.aim}`, width, { size: 9 });
    paragraph(doc, `Progress: ${p.progress || 'No progress recorded yet.'}`, width, { size: 9 });
    if (p.actions.length) {
      table(doc, ['Action', 'Who', 'By when', 'Status and progress'],
        p.actions.map((a) => [pdfText(a.action), pdfText(a.owner), dayText(a.dueDate), pdfText(`${a.overdue ? 'OVERDUE. ' : ''}${a.statusLabel}${a.progress ? `: ${a.progress}` : ''}`)]),
        width, [width * 0.38, width * 0.17, width * 0.15, width * 0.3]);
    }
  }
}

function drawEntries(doc: Doc, entries: EntryLike[], none: string, outcomeLabel: string, whoLabel: string, width: number): void {
  if (!entries.length) return paragraph(doc, none, width, { colour: GREY });
  for (const e of entries) {
    ensureRoom(doc, 70);
    doc.font('Helvetica-Bold').fontSize(10.5).fillColor(INK).text(pdfText(e.title), doc.page.margins.left, doc.y, { width });
    paragraph(doc, `${dayText(e.date)}. ${whoLabel}: ${e.who}.`, width, { size: 9 });
    paragraph(doc, `${outcomeLabel}: ${e.outcome || 'Not yet published.'}`, width, { size: 9 });
    paragraph(doc, `${e.kind === 'survey' ? 'Analysis and key messages' : 'Findings'}: ${e.details}`, width, { size: 9 });
  }
}

function drawKnownSections(doc: Doc, s: SectionsLike, width: number): void {
  heading(doc, '4. Performance failures', 0);
  const t = s.failures.thresholds;
  paragraph(doc, `A measure is a performance failure when it is ${t.defaultWords} up to ${s.monthLabel}${t.exceptions.length ? `, except: ${t.exceptions.map((x) => `${x.title} (${x.words})`).join('; ')}` : ''}.`, width);
  if (s.failures.items.length) {
    table(doc, ['Measure', s.monthLabel, 'Target', 'Red since', 'Plans'],
      s.failures.items.map((f) => [pdfText(`${f.number ? `${f.number}. ` : ''}${f.title}`), f.latest, f.target === null ? '–' : String(f.target),
        pdfText(`${f.run[0]?.label ?? ''} (${f.run.length} ${f.run.length === 1 ? 'month' : 'months'}: ${f.run.map((r) => r.display).join(', ')})`),
        f.planIds.length ? `${f.planIds.length} recorded` : 'No plan recorded']),
      width, [width * 0.34, width * 0.13, width * 0.1, width * 0.28, width * 0.15]);
  } else paragraph(doc, `There was no performance failure in ${s.monthLabel}.`, width);

  heading(doc, '5. Action plans', 0);
  drawPlans(doc, s.actionPlans, `There are no action plans for ${s.monthLabel}.`, width);
  heading(doc, '6. Rectification plans', 0);
  drawPlans(doc, s.rectificationPlans, `There are no rectification plans for ${s.monthLabel}.`, width);

  heading(doc, '7. Case-file audits', 0);
  const a = s.audit;
  paragraph(doc, `Audits completed by managers and their grades, and moderations by the quality assurance team, in each month of ${a.quarter.label ?? 'the quarter'}${a.quarterToDate ? ' so far' : ''}. ${a.targetBasis} A moderation counts in the month it was done.`, width);
  const periods = [...a.months, a.quarterTotal, a.previousQuarter];
  table(doc, ['Period', 'Activity', 'Target', 'Done (% of target)', 'Good or better', 'Requires improvement', 'Inadequate'],
    periods.flatMap((p) => [
      [pdfText(p.label), 'Audits', p.target === null ? '–' : String(p.target), `${p.completed} (${pct(p.percentOfTarget)})`,
        shareText(p.grades.goodOrBetter), shareText(p.grades.requiresImprovement), shareText(p.grades.inadequate)],
      ['', 'Moderations', p.moderations.target === null ? '–' : String(p.moderations.target), `${p.moderations.count} (${pct(p.moderations.percentOfTarget)})`,
        shareText(p.moderations.grades.goodOrBetter), shareText(p.moderations.grades.requiresImprovement), shareText(p.moderations.grades.inadequate)],
    ]),
    width, [width * 0.22, width * 0.13, width * 0.09, width * 0.14, width * 0.14, width * 0.14, width * 0.14]);
  doc.font('Helvetica-Bold').fontSize(10).fillColor(INK).text('How moderation changed the auditor’s grade', doc.page.margins.left, doc.y, { width });
  doc.moveDown(0.2);
  table(doc, ['Period', 'Moderated', 'Grade raised', 'Grade unchanged', 'Grade lowered'],
    periods.map((p) => [pdfText(p.label), String(p.moderations.count), shareText(p.moderations.upgraded), shareText(p.moderations.unchanged), shareText(p.moderations.downgraded)]),
    width, [width * 0.32, width * 0.17, width * 0.17, width * 0.17, width * 0.17]);
  doc.font('Helvetica-Bold').fontSize(10).fillColor(INK).text('Thematic findings', doc.page.margins.left, doc.y, { width });
  if (a.findings) {
    paragraph(doc, a.findings.text, width);
    paragraph(doc, `Written by ${a.findings.by}, ${formatDateTime(a.findings.at)}`, width, { size: 7.5, colour: GREY });
  } else paragraph(doc, `The quality assurance team has not written the findings for ${s.monthLabel} yet.`, width, { colour: GREY });

  heading(doc, '8. Complaints and compliments', 0);
  const f = s.feedback;
  paragraph(doc, `Each counts in the month it was received. A complaint is answered in time when answered within ${f.workingDays} working days; complaints not yet answered whose time has not run out are left out of the percentage until they are.`, width);
  table(doc, ['Month', 'Received', 'Compliments', 'Complaints', 'Answered in time', 'Late or overdue', 'Awaiting an answer'],
    f.months.map((m) => [pdfText(m.label), String(m.received), String(m.compliments), String(m.complaints), `${m.respondedInTime} (${pct(m.percentInTime)})`,
      String(m.respondedLate + m.overdue), String(m.awaiting)]),
    width, [width * 0.2, width * 0.12, width * 0.13, width * 0.12, width * 0.15, width * 0.13, width * 0.15]);
  for (const [caption, areas] of [[`Complaints by service area, ${s.monthLabel}`, f.areasInMonth], [`Complaints by service area, ${f.quarterLabel}`, f.areasInPeriod]] as const) {
    doc.font('Helvetica-Bold').fontSize(10).fillColor(INK).text(pdfText(caption), doc.page.margins.left, doc.y, { width });
    doc.moveDown(0.2);
    if (areas.length) table(doc, ['Service area', 'Complaints', 'Share'], areas.map((x) => [pdfText(x.label), String(x.count), pct(x.percent)]), width * 0.7, [width * 0.4, width * 0.15, width * 0.15]);
    else paragraph(doc, 'No complaints were received.', width, { colour: GREY });
  }

  heading(doc, '9. Surveys', 0);
  drawEntries(doc, s.surveys, `No survey closed in ${s.monthLabel}.`, 'Results', 'Who was asked', width);
  heading(doc, '10. Inspection outcomes', 0);
  drawEntries(doc, s.inspections, `No inspection or monitoring visit is recorded for ${s.monthLabel}.`, 'Judgement or outcome', 'Inspectorate', width);
}

function ensureRoom(doc: Doc, needed: number): void {
  if (doc.y + needed > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

function heading(doc: Doc, text: string, depth: number): void {
  const size = depth <= 0 ? 16 : depth === 1 ? 13 : 11;
  ensureRoom(doc, size * 4);
  doc.moveDown(depth <= 0 ? 0.6 : 0.4);
  doc.font('Helvetica-Bold').fontSize(size).fillColor(INK).text(pdfText(text), doc.page.margins.left, doc.y, { width: doc.page.width - 2 * MARGIN });
  doc.moveDown(0.25);
}

/** A simple table: header row, then rows; wraps to a new page (repeating the header) when full. */
function table(doc: Doc, header: string[], rows: string[][], width: number, widths?: number[], fontSize = 8): void {
  const w = widths ?? header.map(() => width / header.length);
  const x0 = doc.page.margins.left;
  const rowHeight = (cells: string[], font: string) =>
    Math.max(...cells.map((c, i) => doc.font(font).fontSize(fontSize).heightOfString(c, { width: w[i]! - 6 }))) + 6;
  const drawRow = (cells: string[], font: string, fill: string | null) => {
    const h = rowHeight(cells, font);
    if (fill) doc.rect(x0, doc.y, width, h).fill(fill);
    let x = x0;
    const y = doc.y;
    cells.forEach((c, i) => {
      doc.font(font).fontSize(fontSize).fillColor(INK).text(c, x + 3, y + 3, { width: w[i]! - 6 });
      x += w[i]!;
    });
    doc.y = y + h;
    doc.moveTo(x0, doc.y).lineTo(x0 + width, doc.y).lineWidth(0.5).strokeColor(GRID).stroke();
  };
  const head = header.map(pdfText);
  ensureRoom(doc, rowHeight(head, 'Helvetica-Bold') + 20);
  drawRow(head, 'Helvetica-Bold', '#f3f2f1');
  for (const r of rows) {
    if (doc.y + rowHeight(r, 'Helvetica') > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      drawRow(head, 'Helvetica-Bold', '#f3f2f1');
    }
    drawRow(r, 'Helvetica', null);
  }
  doc.x = x0;
  doc.moveDown(0.5);
}

function measureBlock(doc: Doc, m: ReportMeasure, monthLabel: string, width: number): void {
  // Keep a measure's heading, figures and chart together on one page.
  ensureRoom(doc, 330);
  const x = doc.page.margins.left;
  doc.moveDown(0.6);
  doc.font('Helvetica-Bold').fontSize(12).fillColor(INK).text(pdfText(`${m.number === null ? 'National measure' : `Measure ${m.number}`}: ${m.title}`), x, doc.y, { width });
  doc.font('Helvetica').fontSize(8).fillColor(GREY).text(pdfText(`${m.serviceArea}; ${m.frequency}; ${m.better === 'high' ? 'higher' : 'lower'} is better`), { width });
  doc.moveDown(0.3);
  const facts: [string, string][] = [
    [`Actual, ${monthLabel}`, `${m.latest.display}${m.latest.denominator !== null ? ` (${m.latest.numerator.toLocaleString('en-GB')} of ${m.latest.denominator.toLocaleString('en-GB')})` : ''}`],
    ['Target', m.target === null ? 'No target set' : formatValue(m.target, m.unit, m.decimals)],
    ['RAG', m.rag ? cap(m.rag) : 'No RAG (no target or no figure)'],
    ['Change from previous month', cap(changeWords(m.change))],
    ['Previous 3 months’ average', m.previousThreeMonthAverage === null ? 'not enough months' : `${formatValue(m.previousThreeMonthAverage, m.unit, m.decimals)}${m.againstThreeMonthAverage ? `; this month is ${m.againstThreeMonthAverage.words}` : ''}`],
    ...m.comparators.map((c): [string, string] => [c.label, `${c.display} (${c.period})${c.direction ? `; this month is ${changeWords(c.direction)}` : ''}`]),
  ];
  for (const [k, v] of facts) {
    const y = doc.y;
    doc.font('Helvetica-Bold').fontSize(9).fillColor(INK).text(pdfText(k), x, y, { width: 150 });
    const after = doc.y;
    if (k === 'RAG' && m.rag) doc.rect(x + 152, y + 1, 7, 7).fill(RAG_COLOUR[m.rag]!);
    doc.font('Helvetica').fontSize(9).fillColor(INK).text(pdfText(v), x + (k === 'RAG' && m.rag ? 163 : 152), y, { width: width - 163 });
    doc.y = Math.max(doc.y, after) + 1;
  }
  doc.moveDown(0.4);
  const chartTop = doc.y;
  drawTrendChart(doc, m, { x, y: chartTop, w: width, h: 170 });
  doc.y = chartTop + 176;
  doc.font('Helvetica-Oblique').fontSize(9).fillColor(INK).text(pdfText(m.trendSentence), x, doc.y, { width });
  doc.moveDown(0.4);
  doc.font('Helvetica-Bold').fontSize(9).text('Commentary', { width });
  if (m.commentary) {
    doc.font('Helvetica').fontSize(9).text(pdfText(m.commentary.text), { width });
    doc.font('Helvetica').fontSize(7.5).fillColor(GREY).text(pdfText(`Written by ${m.commentary.by}, ${formatDateTime(m.commentary.at)}`), { width });
  } else doc.font('Helvetica').fontSize(9).fillColor(GREY).text('No commentary for this month.', { width });
  doc.moveDown(0.3);
  doc.moveTo(x, doc.y).lineTo(x + width, doc.y).lineWidth(0.5).strokeColor(GRID).stroke();
}

export function reportPdf(content: ReportContent, opts: ReportPdfOptions): Promise<Buffer> {
  const title = `Monthly monitoring report: ${content.monthLabel}`;
  const doc = new PDFDocument({
    size: 'A4', margin: MARGIN, bufferPages: true,
    info: { Title: pdfText(title), Author: pdfText(content.authority ?? 'Threadline'), Subject: pdfText(opts.status), Creator: 'Threadline' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;

  // Title block.
  doc.font('Helvetica').fontSize(11).fillColor(GREY).text(pdfText(content.authority ?? ''), { width });
  doc.font('Helvetica-Bold').fontSize(22).fillColor(INK).text(pdfText(title), { width });
  doc.moveDown(0.4);
  const facts: [string, string][] = [
    ['Status', opts.status],
    ['Figures counted', `${formatDateTime(content.generatedAt)}${content.knownAt ? ', from the records as known then' : ''}`],
    ...(opts.published ? [
      ['Reviewed', `${formatDateTime(opts.published.reviewedAt)} by ${opts.published.reviewedBy}`] as [string, string],
      ['Published', `${formatDateTime(opts.published.at)} by ${opts.published.by}`] as [string, string],
    ] : []),
  ];
  for (const [k, v] of facts) {
    const y = doc.y;
    doc.font('Helvetica-Bold').fontSize(10).fillColor(INK).text(pdfText(k), MARGIN, y, { width: 110 });
    doc.font('Helvetica').fontSize(10).text(pdfText(v), MARGIN + 110, y, { width: width - 110 });
  }
  doc.x = MARGIN;
  for (const w of content.warnings) doc.font('Helvetica-Bold').fontSize(9).fillColor('#d4351c').text(pdfText(w), { width });

  heading(doc, '1. Summary analysis', 0);
  if (content.summary) {
    doc.font('Helvetica').fontSize(10).fillColor(INK).text(pdfText(content.summary.text), { width, paragraphGap: 4 });
    doc.font('Helvetica').fontSize(8).fillColor(GREY).text(pdfText(`Written by ${content.summary.by}, ${formatDateTime(content.summary.at)}`), { width });
  } else doc.font('Helvetica').fontSize(10).fillColor(GREY).text('The summary analysis has not been written.', { width });

  // A table of the measures at a glance, then each measure.
  heading(doc, '2. Measures at a glance', 0);
  table(doc, ['No.', 'Measure', content.monthLabel, 'Target', 'RAG', 'Change from previous month'],
    content.measures.map((m) => [m.number === null ? 'Nat.' : String(m.number), pdfText(m.title), m.latest.display,
      m.target === null ? '–' : formatValue(m.target, m.unit, m.decimals), m.rag ? cap(m.rag) : '–', pdfText(cap(changeWords(m.change)))]),
    width, [30, 215, 65, 50, 45, width - 405]);

  doc.addPage();
  heading(doc, '3. Each measure', 0);
  for (const m of content.measures) measureBlock(doc, m, content.monthLabel, width);

  if (content.sections !== null && content.sections !== undefined) {
    doc.addPage();
    if (isKnownSections(content.sections)) drawKnownSections(doc, content.sections, width);
    else {
      heading(doc, '4. Audits, feedback, failures, plans, surveys and inspections', 0);
      drawSections(doc, content.sections, 1, null, width);
    }
  }

  // Appendix 1: the dataset, on landscape pages.
  doc.addPage({ size: 'A4', layout: 'landscape', margin: MARGIN });
  const wide = doc.page.width - 2 * MARGIN;
  heading(doc, `Appendix 1: dataset, ${content.monthLabel}`, 0);
  const months = content.dataset.rows[0]?.months ?? [];
  const monthW = 36;
  const fixed = [24, 0, 44, 44, 32];
  fixed[1] = wide - monthW * months.length - fixed[0]! - fixed[2]! - fixed[3]! - fixed[4]!;
  table(doc,
    ['No.', 'Measure', ...months.map((p) => `${SHORT_MONTHS[Number(p.month.slice(5, 7)) - 1]} ${p.month.slice(2, 4)}`), 'Eng.', 'Target', 'RAG'],
    content.dataset.rows.map((r) => [
      r.number === null ? 'Nat.' : String(r.number), pdfText(r.title), ...r.months.map((p) => (p.value === null ? '–' : p.display)),
      r.comparators.find((c) => c.label === 'England')?.display ?? '–', r.target === null ? '–' : String(r.target), r.rag ? cap(r.rag) : '–',
    ]),
    wide, [fixed[0]!, fixed[1]!, ...months.map(() => monthW), fixed[2]!, fixed[3]!, fixed[4]!], 6.5);
  doc.font('Helvetica').fontSize(7).fillColor(GREY).text('Comparators: DfE published statistics, Open Government Licence v3.0. Figures counted by Threadline from the records.', { width: wide });

  // Every page: the report's name and "Page N of M".
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(8).fillColor(GREY)
      .text(pdfText(`${title} (${opts.status})`), MARGIN, doc.page.height - 32, { width: doc.page.width - 2 * MARGIN - 80, lineBreak: false })
      .text(`Page ${i + 1} of ${range.count}`, doc.page.width - MARGIN - 80, doc.page.height - 32, { width: 80, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

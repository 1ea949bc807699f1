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
  doc.font('Helvetica-Bold').fontSize(12).fillColor(INK).text(pdfText(`${m.number === null ? 'National' : m.number}. ${m.title}`), x, doc.y, { width });
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
    heading(doc, '4. Audits, feedback, failures, plans, surveys and inspections', 0);
    drawSections(doc, content.sections, 1, null, width);
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

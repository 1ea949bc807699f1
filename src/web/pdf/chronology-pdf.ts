/**
 * A child's chronology as a PDF for court or a conference (pdfkit): a title block (the child, what the
 * chronology shows, who produced it and when), then a table in date order, oldest first, as court
 * chronologies are read: when, what kind, and what happened (title, details, who, and when it was recorded
 * if that was later). The table's header repeats on every page; an entry too long for the rest of a page
 * carries on at the top of the next, marked "continued"; every page has the child's name and "Page N of M".
 *
 * No database access: the entries come in already filtered (src/repositories/child-chronology.ts).
 */
import PDFDocument from 'pdfkit';
import type { ChronologyEntry } from '../../domain/chronology/index.js';
import { CHRONOLOGY_KINDS } from '../../domain/chronology/index.js';
import { longDate } from '../../domain/time/london.js';
import { formatDateTime } from '../format.js';

export interface ChronologyPdfInput {
  child: { id: string; name: string; dob: string | null; expectedDob: string | null };
  /** The filter in words ("Visits, from 1 March 2026"). */
  filterText: string;
  /** Entries before the filter. */
  total: number;
  /** The entries to print (any order: printed oldest first). */
  entries: readonly ChronologyEntry[];
  producedAt: Date;
  producedBy: string;
}

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 60, bottom: 60, left: 48, right: 48 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const COLUMNS = { when: 96, kind: 92 };
const PAD = 4;
const TEXT_X = MARGIN.left + COLUMNS.when + COLUMNS.kind;
const TEXT_WIDTH = CONTENT_WIDTH - COLUMNS.when - COLUMNS.kind - 2 * PAD;
const BODY = 9;
const GREY = '#505a5f';
const RULE = '#b1b4b6';
const MARKING = 'OFFICIAL-SENSITIVE';

/** Characters the standard PDF fonts (WinAnsi) can show: Latin-1 and the typographic marks of code page 1252. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** Letters with no decomposition into a Latin letter and an accent. */
const LETTERS: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ŀ: 'L', ŀ: 'l', ŉ: 'n', Ŧ: 'T', ŧ: 't' };

/** Text the standard fonts can draw: accents kept where Latin-1 has them, others decomposed; anything else as "?". */
export function pdfSafe(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const code = ch.codePointAt(0)!;
    if (ch === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch)) {
      out += ch;
      continue;
    }
    if (ch === '\t' || ch === '\r') {
      out += ' ';
      continue;
    }
    const base = (LETTERS[ch] ?? ch).normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    out += base !== ch && [...base].every((c) => c.charCodeAt(0) < 0x7f) ? base : '?';
  }
  return out;
}

interface Paragraph {
  text: string;
  font: 'Helvetica' | 'Helvetica-Bold' | 'Helvetica-Oblique';
  gap: number;
}

function paragraphsOf(e: ChronologyEntry): Paragraph[] {
  const out: Paragraph[] = [{ text: e.title, font: 'Helvetica-Bold', gap: 2 }];
  for (const d of e.details) out.push({ text: `${d.label}: ${d.text}`, font: 'Helvetica', gap: 2 });
  if (e.by) out.push({ text: `By ${e.by}`, font: 'Helvetica', gap: 2 });
  if (e.recordedLater) out.push({ text: e.recordedLater.text, font: 'Helvetica-Oblique', gap: 2 });
  return out.map((p) => ({ ...p, text: pdfSafe(p.text) }));
}

/** Oldest first: by the instant (a date alone counts as the start of its day), then by key. */
function oldestFirst(a: ChronologyEntry, b: ChronologyEntry): number {
  const t = (e: ChronologyEntry) => (e.instant ? e.instant.getTime() : Date.parse(`${e.date}T00:00:00Z`) - 3_600_000);
  return a.date < b.date ? -1 : a.date > b.date ? 1 : t(a) - t(b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

export function renderChronologyPdf(input: ChronologyPdfInput): Promise<Buffer> {
  const childName = pdfSafe(input.child.name);
  const doc = new PDFDocument({
    size: 'A4', margins: MARGIN, bufferPages: true, autoFirstPage: true,
    info: { Title: `Chronology: ${childName}`, Author: pdfSafe(input.producedBy), Subject: pdfSafe(input.filterText), Creator: 'Threadline', CreationDate: input.producedAt },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const bottom = PAGE.height - MARGIN.bottom;
  const height = (text: string, font: Paragraph['font'], width = TEXT_WIDTH, size = BODY) => doc.font(font).fontSize(size).heightOfString(text, { width });

  // --- Title block --------------------------------------------------------------------------------------
  let y = MARGIN.top;
  doc.font('Helvetica-Bold').fontSize(20).fillColor('black').text('Chronology', MARGIN.left, y, { width: CONTENT_WIDTH });
  y = doc.y + 4;
  doc.font('Helvetica-Bold').fontSize(14).text(childName, MARGIN.left, y, { width: CONTENT_WIDTH });
  y = doc.y + 6;
  const born = input.child.dob ? longDate(input.child.dob) : input.child.expectedDob ? `Not born yet (expected ${longDate(input.child.expectedDob)})` : 'Not known';
  const facts: [string, string][] = [
    ['Date of birth', born],
    ['Threadline ID', input.child.id],
    ['Showing', `${input.filterText} (${input.entries.length} of ${input.total} ${input.total === 1 ? 'entry' : 'entries'})`],
    ['Order', 'Date order, oldest first'],
    ['Produced', `${formatDateTime(input.producedAt)} by ${input.producedBy}`],
  ];
  for (const [label, value] of facts) {
    doc.font('Helvetica-Bold').fontSize(10).text(`${label}:`, MARGIN.left, y, { width: 90 });
    doc.font('Helvetica').fontSize(10).text(pdfSafe(value), MARGIN.left + 90, y, { width: CONTENT_WIDTH - 90 });
    y = doc.y + 3;
  }
  y += 10;

  // --- The table ----------------------------------------------------------------------------------------
  const headerHeight = 18;
  const drawHeader = () => {
    doc.rect(MARGIN.left, y, CONTENT_WIDTH, headerHeight).fill('#f3f2f1');
    doc.fillColor('black').font('Helvetica-Bold').fontSize(BODY);
    doc.text('When', MARGIN.left + PAD, y + 5, { width: COLUMNS.when - 2 * PAD, lineBreak: false });
    doc.text('Type', MARGIN.left + COLUMNS.when + PAD, y + 5, { width: COLUMNS.kind - 2 * PAD, lineBreak: false });
    doc.text('What happened', TEXT_X + PAD, y + 5, { width: TEXT_WIDTH, lineBreak: false });
    y += headerHeight;
    doc.moveTo(MARGIN.left, y).lineTo(MARGIN.left + CONTENT_WIDTH, y).lineWidth(0.75).strokeColor('black').stroke();
  };
  const newPage = () => {
    doc.addPage();
    y = MARGIN.top;
    drawHeader();
  };
  const rule = () => {
    doc.moveTo(MARGIN.left, y).lineTo(MARGIN.left + CONTENT_WIDTH, y).lineWidth(0.5).strokeColor(RULE).stroke();
  };

  if (input.entries.length === 0) {
    doc.font('Helvetica').fontSize(11).fillColor('black').text('No entries match this filter.', MARGIN.left, y, { width: CONTENT_WIDTH });
  } else {
    drawHeader();
  }

  for (const e of [...input.entries].sort(oldestFirst)) {
    // The date, and the time (when one was recorded) on a line of its own.
    const when = pdfSafe(e.instant ? formatDateTime(e.instant).replace(' at ', '\n') : longDate(e.date));
    const kind = pdfSafe(CHRONOLOGY_KINDS[e.kind]);
    const paragraphs = paragraphsOf(e);
    const sideHeight = (continued: boolean) =>
      Math.max(height(continued ? `${when} (continued)` : when, 'Helvetica', COLUMNS.when - 2 * PAD), height(kind, 'Helvetica', COLUMNS.kind - 2 * PAD));
    const whole = paragraphs.reduce((h, p) => h + height(p.text, p.font) + p.gap, 0);
    const firstLine = height(paragraphs[0]!.text, paragraphs[0]!.font);
    // Keep an entry on one page when it fits on a fresh one; never start one with less than its title's room.
    const needed = Math.max(sideHeight(false), whole) + 2 * PAD;
    if (y + needed > bottom && (needed <= bottom - MARGIN.top - headerHeight || y + firstLine + 2 * PAD > bottom)) newPage();

    let continued = false;
    let rowTop = y;
    let cursor = y + PAD;
    const drawSide = () => {
      doc.font('Helvetica').fontSize(BODY).fillColor('black');
      doc.text(continued ? `${when} (continued)` : when, MARGIN.left + PAD, rowTop + PAD, { width: COLUMNS.when - 2 * PAD });
      doc.text(kind, MARGIN.left + COLUMNS.when + PAD, rowTop + PAD, { width: COLUMNS.kind - 2 * PAD });
    };
    drawSide();
    const finishRow = () => {
      y = Math.max(cursor, rowTop + sideHeight(continued) + PAD) + PAD;
      rule();
    };
    for (const p of paragraphs) {
      let rest = p.text;
      while (rest !== '') {
        const room = bottom - cursor - 1;
        if (height(rest, p.font) <= room) {
          doc.font(p.font).fontSize(BODY).fillColor(p.font === 'Helvetica-Oblique' ? GREY : 'black').text(rest, TEXT_X + PAD, cursor, { width: TEXT_WIDTH });
          cursor += height(rest, p.font) + p.gap;
          rest = '';
          continue;
        }
        // Split at a word: as many words as fit in the room left (at least one line's worth on a fresh page).
        const words = rest.split(' ');
        let lo = 0;
        let hi = words.length;
        while (lo < hi) {
          const mid = Math.ceil((lo + hi) / 2);
          if (height(words.slice(0, mid).join(' '), p.font) <= room) lo = mid;
          else hi = mid - 1;
        }
        if (lo > 0) {
          const part = words.slice(0, lo).join(' ');
          doc.font(p.font).fontSize(BODY).fillColor(p.font === 'Helvetica-Oblique' ? GREY : 'black').text(part, TEXT_X + PAD, cursor, { width: TEXT_WIDTH });
          cursor += height(part, p.font);
          rest = words.slice(lo).join(' ');
        } else if (cursor === rowTop + PAD) {
          // A single "word" taller than a whole page (no spaces in it): printed cut short rather than looping.
          doc.font(p.font).fontSize(BODY).text(words[0]!, TEXT_X + PAD, cursor, { width: TEXT_WIDTH, height: room, ellipsis: true });
          cursor = bottom;
          rest = words.slice(1).join(' ');
        }
        if (rest !== '') {
          finishRow();
          newPage();
          continued = true;
          rowTop = y;
          cursor = y + PAD;
          drawSide();
        }
      }
    }
    finishRow();
  }

  // --- Every page: the marking, the child, and page N of M -----------------------------------------------
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const margins = doc.page.margins;
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    doc.font('Helvetica-Bold').fontSize(8).fillColor(GREY).text(MARKING, MARGIN.left, 30, { width: CONTENT_WIDTH, align: 'center', lineBreak: false });
    const footY = PAGE.height - 40;
    doc.moveTo(MARGIN.left, footY - 6).lineTo(MARGIN.left + CONTENT_WIDTH, footY - 6).lineWidth(0.5).strokeColor(RULE).stroke();
    doc.font('Helvetica').fontSize(8).fillColor(GREY)
      .text(`Chronology of ${childName} (${pdfSafe(input.child.id)})`, MARGIN.left, footY, { width: CONTENT_WIDTH / 2, lineBreak: false });
    doc.text(`Page ${i - range.start + 1} of ${range.count}`, MARGIN.left + CONTENT_WIDTH / 2, footY, { width: CONTENT_WIDTH / 2, align: 'right', lineBreak: false });
    doc.page.margins = margins;
  }
  doc.end();
  return done;
}

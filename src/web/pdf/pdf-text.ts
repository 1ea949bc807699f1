/**
 * The text of a PDF, for tests: poppler's pdftotext when it is installed; otherwise read from the PDF itself
 * (the page content streams inflated, and the strings of each text-showing operator decoded from the
 * standard fonts' WinAnsi encoding), which is enough for the PDFs Threadline writes with pdfkit.
 */
import { spawnSync } from 'node:child_process';
import { inflateSync } from 'node:zlib';

const CP1252: Record<number, string> = {
  0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡', 0x88: 'ˆ', 0x89: '‰', 0x8a: 'Š', 0x8b: '‹', 0x8c: 'Œ',
  0x8e: 'Ž', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x98: '˜', 0x99: '™', 0x9a: 'š', 0x9b: '›',
  0x9c: 'œ', 0x9e: 'ž', 0x9f: 'Ÿ',
};

function decodeWinAnsi(bytes: Buffer): string {
  let out = '';
  for (const b of bytes) out += CP1252[b] ?? String.fromCharCode(b);
  return out;
}

/** The text drawn by each text operator, one per line, in the order drawn. */
export function pdfTextFromStreams(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw)) !== null) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    const body = Buffer.from(raw.slice(start, end).replace(/\r?\n$/, ''), 'latin1');
    let content: string;
    try {
      content = inflateSync(body).toString('latin1');
    } catch {
      content = body.toString('latin1');
    }
    for (const op of content.matchAll(/\[((?:<[0-9a-fA-F]*>|\([^)]*\)|[\s\-\d.])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj|\(((?:\\.|[^\\)])*)\)\s*Tj/g)) {
      if (op[1] !== undefined) {
        let line = '';
        for (const s of op[1].matchAll(/<([0-9a-fA-F]*)>|\(((?:\\.|[^\\)])*)\)/g)) {
          line += s[1] !== undefined ? decodeWinAnsi(Buffer.from(s[1], 'hex')) : s[2]!.replace(/\\(.)/g, '$1');
        }
        lines.push(line);
      } else if (op[2] !== undefined) lines.push(decodeWinAnsi(Buffer.from(op[2], 'hex')));
      else if (op[3] !== undefined) lines.push(op[3].replace(/\\(.)/g, '$1'));
    }
    re.lastIndex = end + 'endstream'.length;
  }
  return lines.join('\n');
}

/** The PDF's text: pdftotext's if it is installed, else pdfTextFromStreams. */
export function pdfText(pdf: Buffer): string {
  const r = spawnSync('pdftotext', ['-', '-'], { input: pdf, maxBuffer: 64 * 1024 * 1024 });
  if (!r.error && r.status === 0) return r.stdout.toString('utf8');
  return pdfTextFromStreams(pdf);
}

/** The number of pages in a PDF (its page objects). */
export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}

// PDFs as people see them: rendered by poppler (pdftoppm) and read back with where each word sits
// (pdftotext -bbox), so a test can tell a character drawn from one that came out blank — text
// extraction alone misses glyphs that draw nothing. Used by the documents' own tests and the browser
// test that downloads an agreement. poppler-utils comes with `npm test` (scripts/setup.sh ensure_pdf_tools).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';

export interface RenderedPdf {
  text: string;
  pages: { width: number; height: number; pixels: Uint8Array }[];
  words: { page: number; text: string; xMin: number; yMin: number; xMax: number; yMax: number }[];
  fonts: string;
  /** Glyph ids shown by the pages' text operators (CID fonts: 4 hex digits each). */
  shownGlyphs: string[];
}

export const DPI = 100;
const run = (cmd: string, args: string[]) => {
  try {
    return execFileSync(cmd, args, { encoding: 'latin1', maxBuffer: 64 << 20 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${cmd} 未安装：npm test 会自动安装 poppler-utils（scripts/setup.sh ensure_pdf_tools），或执行 apt-get install -y poppler-utils`);
    throw e;
  }
};

/** Reads a binary PGM (P5) as pdftoppm writes it. */
const readPgm = (file: string) => {
  const bytes = readFileSync(file);
  const header = bytes.subarray(0, 64).toString('latin1');
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header)!;
  return { width: Number(m[1]), height: Number(m[2]), pixels: bytes.subarray(m[0].length) };
};

const decodeEntities = (s: string) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"');

/** Renders every page (grey, DPI) and reads the text, words, fonts and shown glyphs; `firstPagePng` also saves page 1 as a PNG to look at. */
export const renderPdf = (bytes: Uint8Array, opts: { firstPagePng?: string } = {}): RenderedPdf => {
  const dir = mkdtempSync(join(tmpdir(), 'sifasuo-pdf-'));
  try {
    const pdf = join(dir, 'doc.pdf');
    writeFileSync(pdf, bytes);
    run('pdftoppm', ['-r', String(DPI), '-gray', pdf, join(dir, 'page')]);
    if (opts.firstPagePng) run('pdftoppm', ['-r', String(DPI), '-png', '-f', '1', '-l', '1', '-singlefile', pdf, opts.firstPagePng.replace(/\.png$/, '')]);
    const pages = readdirSync(dir).filter((f) => f.endsWith('.pgm')).sort().map((f) => readPgm(join(dir, f)));
    const text = Buffer.from(run('pdftotext', ['-enc', 'UTF-8', pdf, '-']), 'latin1').toString('utf8');
    const html = Buffer.from(run('pdftotext', ['-enc', 'UTF-8', '-bbox', pdf, '-']), 'latin1').toString('utf8');
    const words: RenderedPdf['words'] = [];
    html.split('<page ').slice(1).forEach((pageHtml, page) => {
      for (const w of pageHtml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
        words.push({ page, xMin: Number(w[1]), yMin: Number(w[2]), xMax: Number(w[3]), yMax: Number(w[4]), text: decodeEntities(w[5]!) });
      }
    });
    const fonts = run('pdffonts', [pdf]);
    // Every Flate stream of the file; the content streams are those with text operators.
    const raw = Buffer.from(bytes);
    const latin = raw.toString('latin1');
    const shownGlyphs: string[] = [];
    for (const m of latin.matchAll(/stream\r?\n/g)) {
      const start = m.index + m[0].length;
      let content: string;
      try {
        content = inflateSync(raw.subarray(start, latin.indexOf('endstream', start))).toString('latin1');
      } catch {
        continue;
      }
      for (const op of content.matchAll(/(\[[^\]]*\]|<[0-9a-fA-F]*>)\s*T[jJ]/g)) {
        for (const hex of op[1]!.matchAll(/<([0-9a-fA-F]*)>/g)) shownGlyphs.push(...(hex[1]!.match(/.{4}/g) ?? []));
      }
    }
    return { text, pages, words, fonts, shownGlyphs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

/** Dark pixels in a rectangle given in PDF points (origin top left). */
export const inkIn = (page: RenderedPdf['pages'][number], x0: number, y0: number, x1: number, y1: number) => {
  const s = DPI / 72;
  let dark = 0;
  for (let y = Math.floor(y0 * s); y < Math.min(page.height, Math.ceil(y1 * s)); y++) {
    for (let x = Math.floor(x0 * s); x < Math.min(page.width, Math.ceil(x1 * s)); x++) if (page.pixels[y * page.width + x]! < 128) dark++;
  }
  return dark;
};

/** Characters a full-width cell holds (ideographs, CJK and full-width punctuation): one em each in Noto Sans SC. */
export const FULL_WIDTH_WORD = /^[\u3000-\u303f\u4e00-\u9fff\uff01-\uff5e]+$/u;

/** Every full-width character of every all-full-width word: its cell of the rendered page has ink. */
export const emptyCells = (r: RenderedPdf) => {
  const empty: string[] = [];
  for (const w of r.words.filter((w) => FULL_WIDTH_WORD.test(w.text))) {
    const chars = [...w.text];
    const cell = (w.xMax - w.xMin) / chars.length;
    chars.forEach((ch, i) => {
      if (inkIn(r.pages[w.page]!, w.xMin + i * cell, w.yMin, w.xMin + (i + 1) * cell, w.yMax) < 2) empty.push(`${ch}（第${w.page + 1}页“${w.text}”）`);
    });
  }
  return empty;
};


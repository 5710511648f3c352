// The documents kit's PDF half: A4 documents in Chinese (pdfkit with Noto Sans SC, which pdfkit
// subsets into each file), written as an official form is: a title, lines of label and value,
// paragraphs, blocks kept whole on a page, and a footer with page numbers. Contexts draw their forms
// with it (the mediation agreement, the assessment's notice) and never touch fonts or pages.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type PDFDocument from 'pdfkit';
import { CJK_FONT_FILE } from '@sifasuo/wiring/src/types';

/**
 * Where a package file the wiring ships beside a bundle (`FunctionDecl.bundleFiles`) is at run time:
 * next to the bundle in Lambda, in node_modules when the code runs from source (local cloud, tests).
 */
export const bundledFilePath = (packageFile: string): string => {
  const here = fileURLToPath(import.meta.url);
  const beside = join(dirname(here), basename(packageFile));
  return existsSync(beside) ? beside : createRequire(here).resolve(packageFile);
};

/** Noto Sans SC Regular: every character of GB 18030's common set and far beyond (10 MB, read once, on first use). */
export const cjkFontPath = () => bundledFilePath(CJK_FONT_FILE);
let cjkFont: Promise<Buffer> | undefined;
const loadCjkFont = () => {
  cjkFont ??= readFile(cjkFontPath());
  cjkFont.catch(() => (cjkFont = undefined));
  return cjkFont;
};

/** A4 in points, with the margins of a printed form (about 2.5 cm). */
const PAGE = { width: 595.28, height: 841.89, margin: 70 } as const;
const FOOTER_SIZE = 9;
export const BODY_SIZE = 12;
const LINE_GAP = 6;

type Doc = InstanceType<typeof PDFDocument>;

/** The pen a context draws its form with; the cursor moves down the page, new pages come by themselves. */
export class PdfWriter {
  constructor(readonly doc: Doc) {}

  get contentWidth() {
    return PAGE.width - 2 * PAGE.margin;
  }

  /** A centred title, letter-spaced as printed forms are. */
  title(text: string, size = 22) {
    this.doc.fontSize(size).text(text, PAGE.margin, this.doc.y, { width: this.contentWidth, align: 'center', characterSpacing: size / 4 });
    this.doc.fontSize(BODY_SIZE);
    return this.gap(8);
  }

  /** One line (wrapped when long) aligned left, centred or right. */
  line(text: string, align: 'left' | 'center' | 'right' = 'left', size = BODY_SIZE) {
    this.doc.fontSize(size).text(text, PAGE.margin, this.doc.y, { width: this.contentWidth, align, lineGap: LINE_GAP });
    this.doc.fontSize(BODY_SIZE);
    return this;
  }

  /** A paragraph per line of `text`, each first line indented by two characters. */
  paragraphs(text: string) {
    for (const p of text.split('\n').filter((l) => l.trim() !== '')) {
      this.doc.fontSize(BODY_SIZE).text(p.trim(), PAGE.margin, this.doc.y, {
        width: this.contentWidth,
        indent: 2 * BODY_SIZE,
        lineGap: LINE_GAP,
        paragraphGap: 2,
        align: 'justify',
      });
    }
    return this;
  }

  /** Label–value pairs on one line, spread over the width (wrapped when they do not fit). */
  fields(pairs: readonly (readonly [label: string, value: string])[]) {
    return this.line(pairs.map(([label, value]) => `${label}：${value || '—'}`).join('　　'));
  }

  /** Texts on one line, each starting at a fraction of the width (a form's columns: name, signature, date). */
  row(cells: readonly (readonly [text: string, at: number])[]) {
    const y = this.doc.y;
    this.doc.fontSize(BODY_SIZE);
    for (const [text, at] of cells) this.doc.text(text, PAGE.margin + at * this.contentWidth, y, { lineBreak: false });
    this.doc.x = PAGE.margin;
    this.doc.y = y + this.doc.currentLineHeight(true) + LINE_GAP;
    return this;
  }

  /** A blank line of `points`. */
  gap(points = BODY_SIZE) {
    this.doc.y += points;
    return this;
  }

  /** Starts a new page unless `points` of height are left, so a block (signatures) is never split. */
  keepTogether(points: number) {
    if (this.doc.y + points > PAGE.height - PAGE.margin) this.doc.addPage();
    return this;
  }

  /** The height `text` takes in a body line of the full width. */
  heightOf(text: string) {
    return this.doc.fontSize(BODY_SIZE).heightOfString(text, { width: this.contentWidth, lineGap: LINE_GAP });
  }
}

export interface PdfMeta {
  title: string;
  /** Printed at the foot of every page beside 第 n 页 共 m 页. */
  footer: string;
  /** The document's date (its metadata), so the same record gives the same file. */
  createdAt?: Date;
}

/** Draws a document with the CJK font and returns the PDF's bytes. */
export const renderPdf = async (meta: PdfMeta, draw: (pen: PdfWriter) => void): Promise<Uint8Array> => {
  // Loaded on first use: a function that imports the kit pays for pdfkit (and fontkit) only when it draws.
  const [{ default: PDFKit }, font] = await Promise.all([import('pdfkit'), loadCjkFont()]);
  const doc = new PDFKit({
    size: 'A4',
    margin: PAGE.margin,
    bufferPages: true,
    // The CJK font from the start: pdfkit never loads its standard (Latin-only) fonts.
    font: font as unknown as string,
    info: { Title: meta.title, Creator: 'sifasuo', ...(meta.createdAt ? { CreationDate: meta.createdAt } : {}) },
    lang: 'zh-CN',
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.fontSize(BODY_SIZE);
  draw(new PdfWriter(doc));

  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin must not start another page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.fontSize(FOOTER_SIZE).fillColor('#555555').text(`${meta.footer}　　第 ${i + 1} 页 共 ${count} 页`, PAGE.margin, PAGE.height - PAGE.margin / 2 - FOOTER_SIZE, {
      width: PAGE.width - 2 * PAGE.margin,
      align: 'center',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
};

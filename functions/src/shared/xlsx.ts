// The documents kit's Excel half (exceljs): official tables with multi-level headers (merged cells),
// a title and a note above them, numbers kept as numbers with their display format; and reading a
// workbook back to plain cell values for imports. Contexts describe their columns; this draws them.
import type ExcelJS from 'exceljs';

/** exceljs, loaded on first use: a function that imports the kit pays for it only when it reads or writes a workbook. */
const excel = async () => (await import('exceljs')).default;

export type Workbook = ExcelJS.Workbook;
export type Worksheet = ExcelJS.Worksheet;

/** What a cell holds, once read: rich text, formulas and links reduced to their text or result. */
export type PlainCell = string | number | boolean | Date | undefined;

/** A column of a table: a leaf has the cells' format; a group has columns under it (one header row per level). */
export interface ColumnNode {
  label: string;
  /** Width in characters (leaves). */
  width?: number;
  /** Excel number format of the leaf's cells, e.g. '#,##0.00' or '0.0%'. */
  numFmt?: string;
  children?: readonly ColumnNode[];
}

const leavesOf = (nodes: readonly ColumnNode[]): ColumnNode[] => nodes.flatMap((n) => (n.children?.length ? leavesOf(n.children) : [n]));
const depthOf = (nodes: readonly ColumnNode[]): number => Math.max(...nodes.map((n) => (n.children?.length ? 1 + depthOf(n.children) : 1)));

const THIN = { style: 'thin' } as const;
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };

/** A new workbook; `createdAt` (the report's time) for its properties, else exceljs takes the moment. */
export const newWorkbook = async (createdAt?: Date) => {
  const wb = new (await excel()).Workbook();
  wb.creator = 'sifasuo';
  if (createdAt) {
    wb.created = createdAt;
    wb.modified = createdAt;
  }
  return wb;
};

export interface TableSheet {
  name: string;
  /** Merged across the table, bold, above everything. */
  title?: string;
  /** A line under the title (scope, month, when it was generated). */
  note?: string;
  columns: readonly ColumnNode[];
  rows: readonly (readonly (string | number | undefined)[])[];
  /** Rows (0-based, of `rows`) printed bold, e.g. the total. */
  boldRows?: readonly number[];
  landscape?: boolean;
}

/**
 * A sheet with a title, a note, a header of as many rows as the columns nest (groups merged across
 * their columns, leaves merged down to the last header row), bordered rows and frozen headers.
 * Returns the sheet and the row number of its first data row.
 */
export const addTableSheet = (wb: Workbook, t: TableSheet): { sheet: Worksheet; firstDataRow: number } => {
  const sheet = wb.addWorksheet(t.name, {
    pageSetup: { paperSize: 9, orientation: t.landscape ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const leaves = leavesOf(t.columns);
  const width = leaves.length;
  let row = 1;
  for (const [text, size] of [[t.title, 16], [t.note, 10]] as const) {
    if (!text) continue;
    sheet.mergeCells(row, 1, row, width);
    const cell = sheet.getCell(row, 1);
    cell.value = text;
    cell.font = { bold: size > 10, size };
    cell.alignment = { horizontal: size > 10 ? 'center' : 'left', vertical: 'middle' };
    sheet.getRow(row).height = size > 10 ? 28 : 18;
    row++;
  }

  const headerTop = row;
  const depth = depthOf(t.columns);
  const place = (nodes: readonly ColumnNode[], level: number, firstColumn: number) => {
    let column = firstColumn;
    for (const node of nodes) {
      const span = node.children?.length ? leavesOf(node.children).length : 1;
      const top = headerTop + level;
      const bottom = node.children?.length ? top : headerTop + depth - 1;
      if (span > 1 || bottom > top) sheet.mergeCells(top, column, bottom, column + span - 1);
      sheet.getCell(top, column).value = node.label;
      if (node.children?.length) place(node.children, level + 1, column);
      column += span;
    }
  };
  place(t.columns, 0, 1);
  for (let r = headerTop; r < headerTop + depth; r++) {
    for (let c = 1; c <= width; c++) {
      const cell = sheet.getCell(r, c);
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = BORDER;
      cell.fill = HEADER_FILL;
    }
  }

  const firstDataRow = headerTop + depth;
  t.rows.forEach((values, i) => {
    const r = sheet.getRow(firstDataRow + i);
    leaves.forEach((leaf, c) => {
      const cell = r.getCell(c + 1);
      const value = values[c];
      cell.value = value ?? null;
      cell.border = BORDER;
      if (typeof value === 'number' && leaf.numFmt) cell.numFmt = leaf.numFmt;
      cell.alignment = { horizontal: typeof value === 'number' ? 'right' : c === 0 ? 'left' : 'center', vertical: 'middle' };
      if (t.boldRows?.includes(i)) cell.font = { bold: true };
    });
  });
  leaves.forEach((leaf, c) => (sheet.getColumn(c + 1).width = leaf.width ?? 12));
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: firstDataRow - 1 }];
  return { sheet, firstDataRow };
};

/** A drop-down of `choices` on a range such as 'C2:C500' (exceljs has it at run time, not in its types). */
export const addChoiceList = (sheet: Worksheet, range: string, title: string, choices: readonly string[]) =>
  (sheet as Worksheet & { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(range, {
    type: 'list',
    allowBlank: true,
    formulae: [`"${choices.join(',')}"`],
    showErrorMessage: true,
    errorTitle: title,
    error: `请选择：${choices.join('、')}`,
  });

export const workbookBytes = async (wb: Workbook): Promise<Uint8Array> => new Uint8Array(await wb.xlsx.writeBuffer());

/** A workbook from an uploaded file, or undefined when the bytes are not an .xlsx workbook. */
export const readWorkbook = async (bytes: Uint8Array): Promise<Workbook | undefined> => {
  const wb = new (await excel()).Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
    return wb;
  } catch {
    return undefined;
  }
};

/** A cell's value as plain data: rich text joined, a formula's result, a link's text; errors as nothing. */
export const plainCell = (value: ExcelJS.CellValue): PlainCell => {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return plainCell((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ('hyperlink' in value) return plainCell(value.text as ExcelJS.CellValue);
  return undefined;
};

/** The plain values of columns 1..`width` of a row. */
export const rowValues = (sheet: Worksheet, row: number, width: number): PlainCell[] =>
  Array.from({ length: width }, (_, c) => plainCell(sheet.getCell(row, c + 1).value));

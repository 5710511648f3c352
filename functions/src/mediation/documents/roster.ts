// 人民调解员花名册 as Excel: the export (the roster's columns from the domain, a sheet of notes naming
// the committees a row may use) and the import, which reads the same layout back. A file whose header
// is not the roster's is refused whole; every bad row is reported by Excel row, column and reason.
import {
  COMMITTEE_KIND_LABELS,
  parseRosterRows,
  ROSTER_COLUMNS,
  rosterHeaderPositions,
  rosterRows,
  type Committee,
  type ImportProblem,
  type Mediator,
  type MediatorInput,
  type Office,
} from '@sifasuo/domain';
import { addChoiceList, addTableSheet, newWorkbook, readWorkbook, rowValues, workbookBytes } from '../../shared/xlsx';

export const ROSTER_SHEET = '人民调解员花名册';
/** Rows a template offers drop-down choices in (beyond the exported ones). */
const TEMPLATE_ROWS = 500;
/** More rows than any committee roster has: a bigger file is refused rather than read. */
export const MAX_ROSTER_ROWS = 5000;

const columnLetter = (index: number) => String.fromCharCode(65 + index);

export const rosterWorkbook = async (input: { mediators: Mediator[]; committees: Committee[]; offices: Office[] }): Promise<Uint8Array> => {
  const wb = await newWorkbook();
  const rows = rosterRows(input.mediators, input.committees);
  const { sheet } = addTableSheet(wb, {
    name: ROSTER_SHEET,
    columns: ROSTER_COLUMNS.map((c) => ({ label: c.header, width: c.width })),
    rows,
    landscape: true,
  });
  const lastRow = Math.max(rows.length + 1, TEMPLATE_ROWS);
  ROSTER_COLUMNS.forEach((c, i) => {
    const letter = columnLetter(i);
    // Typed ID numbers, phones and dates stay text (an 18-digit number loses its last digits).
    if (c.field && c.field !== 'trainings') sheet.getColumn(i + 1).numFmt = '@';
    if (c.choices) addChoiceList(sheet, `${letter}2:${letter}${lastRow}`, c.header, c.choices);
  });
  const trainings = ROSTER_COLUMNS.findIndex((c) => c.field === 'trainings') + 1;
  sheet.getColumn(trainings).alignment = { wrapText: true, vertical: 'middle' };

  const officeName = new Map(input.offices.map((o) => [o.id, o.name]));
  addTableSheet(wb, {
    name: '填写说明',
    title: '填写说明：第一行表头请勿修改；“所属调委会”须填写下列调委会的全称',
    columns: [{ label: '列', width: 12 }, { label: '填写要求', width: 70 }],
    rows: ROSTER_COLUMNS.filter((c) => c.note || c.choices).map((c) => [c.header, c.choices ? `可填：${c.choices.join('、')}` : c.note!]),
  });
  addTableSheet(wb, {
    name: '调委会',
    columns: [{ label: '司法所', width: 18 }, { label: '调委会名称', width: 30 }, { label: '类型', width: 20 }, { label: '本届任期', width: 24 }],
    rows: input.committees.map((c) => [officeName.get(c.officeId) ?? c.officeId, c.name, COMMITTEE_KIND_LABELS[c.kind], `${c.termStart} 至 ${c.termEnd}`]),
  });
  return workbookBytes(wb);
};

const refused = (reason: string, column = ''): { rows: MediatorInput[]; problems: ImportProblem[] } => ({ rows: [], problems: [{ row: 1, column, reason }] });

export const parseRosterWorkbook = async (
  bytes: Uint8Array,
  input: { officeId: string; committees: Committee[] },
): Promise<{ rows: MediatorInput[]; problems: ImportProblem[] }> => {
  const wb = await readWorkbook(bytes);
  if (!wb) return refused('文件不是有效的 Excel 工作簿（.xlsx），请使用导出的花名册模板');
  const sheet = wb.worksheets[0];
  if (!sheet) return refused('文件中没有工作表');
  if (sheet.rowCount > MAX_ROSTER_ROWS) return refused(`一次最多导入${MAX_ROSTER_ROWS}行，请分批导入`);

  const width = Math.max(sheet.columnCount, ROSTER_COLUMNS.length);
  const header = rosterHeaderPositions(rowValues(sheet, 1, width));
  if ('problem' in header) return { rows: [], problems: [header.problem] };
  const fileRows = [];
  for (let row = 2; row <= sheet.rowCount; row++) {
    const values = rowValues(sheet, row, width);
    fileRows.push({ row, cells: header.positions.map((p) => values[p]) });
  }
  return parseRosterRows(fileRows, input);
};

// The mediator roster (人民调解员花名册) as a spreadsheet: its columns, a mediator as a row of cells, and
// a row read back into a `mediatorInput` with every problem named by Excel row and column header. Pure:
// the workbook itself (exceljs) is the documents function's; the portal shows the template's columns.
import { EDUCATION_LEVELS } from './org';
import { fieldErrorsOf } from './validation';
import {
  MEDIATOR_POST_LABELS,
  MEDIATOR_POSTS,
  MEDIATOR_SEX_LABELS,
  mediatorInput,
  type Committee,
  type ImportProblem,
  type MediatorInput,
} from './mediation';

/** What a spreadsheet cell holds once read: text, a number, a date, a boolean, or nothing. */
export type RosterCell = string | number | boolean | Date | null | undefined;

type RosterField = Exclude<keyof MediatorInput, 'officeId'>;
export interface RosterColumn {
  header: string;
  /** The input field the column fills; 序号 fills none. */
  field?: RosterField;
  /** Column width in characters, for the workbook and the portal's template preview. */
  width: number;
  /** The words a cell may hold, where the column is a choice. */
  choices?: readonly string[];
  note?: string;
}

const SEX_CHOICES = Object.values(MEDIATOR_SEX_LABELS);
const POST_CHOICES = MEDIATOR_POSTS.map((p) => MEDIATOR_POST_LABELS[p]);
const FULL_TIME_LABELS = { true: '专职', false: '兼职' } as const;

/** The roster's columns, in order: the export writes them and the import expects exactly these headers. */
export const ROSTER_COLUMNS: readonly RosterColumn[] = [
  { header: '序号', width: 6 },
  { header: '姓名', field: 'name', width: 10 },
  { header: '性别', field: 'sex', width: 6, choices: SEX_CHOICES },
  { header: '民族', field: 'ethnicity', width: 8 },
  { header: '身份证号', field: 'idNumber', width: 21, note: '以文本格式填写18位号码' },
  { header: '学历', field: 'education', width: 12, choices: EDUCATION_LEVELS },
  { header: '所属调委会', field: 'committeeId', width: 26, note: '本所调委会的全称' },
  { header: '职务', field: 'post', width: 8, choices: POST_CHOICES },
  { header: '专兼职', field: 'fullTime', width: 8, choices: Object.values(FULL_TIME_LABELS) },
  { header: '联系电话', field: 'phone', width: 15 },
  { header: '任期开始', field: 'termStart', width: 12, note: 'YYYY-MM-DD' },
  { header: '任期结束', field: 'termEnd', width: 12, note: 'YYYY-MM-DD' },
  { header: '培训情况', field: 'trainings', width: 44, note: '每条一行：日期 培训内容 学时数学时，如“2026-03-15 调解技巧培训 8学时”' },
];
export const ROSTER_HEADERS: readonly string[] = ROSTER_COLUMNS.map((c) => c.header);

const headerOf = (field: string) => ROSTER_COLUMNS.find((c) => c.field === field)?.header;

// ---- Export ----------------------------------------------------------------------------------------

const trainingLine = (t: MediatorInput['trainings'][number]) => `${t.on} ${t.title} ${t.hours}学时`;

/**
 * The roster's rows, one array of cells per mediator in column order: by committee name, then post
 * (主任 first), then name. ID numbers, phones and dates are text, as typed; 序号 is a number.
 */
export const rosterRows = (
  mediators: readonly MediatorInput[],
  committees: readonly Pick<Committee, 'id' | 'name'>[],
): (string | number)[][] => {
  const committeeName = new Map(committees.map((c) => [c.id, c.name]));
  const nameOf = (m: MediatorInput) => committeeName.get(m.committeeId) ?? m.committeeId;
  const sorted = [...mediators].sort(
    (a, b) =>
      nameOf(a).localeCompare(nameOf(b), 'zh-CN') ||
      MEDIATOR_POSTS.indexOf(a.post) - MEDIATOR_POSTS.indexOf(b.post) ||
      a.name.localeCompare(b.name, 'zh-CN'),
  );
  return sorted.map((m, i) => [
    i + 1,
    m.name,
    MEDIATOR_SEX_LABELS[m.sex],
    m.ethnicity,
    m.idNumber,
    m.education,
    nameOf(m),
    MEDIATOR_POST_LABELS[m.post],
    FULL_TIME_LABELS[String(m.fullTime) as 'true' | 'false'],
    m.phone,
    m.termStart,
    m.termEnd,
    m.trainings.map(trainingLine).join('\n'),
  ]);
};

// ---- Import ----------------------------------------------------------------------------------------

/** Where each expected header sits in the file's header row, or the one problem refusing the file (row 1). */
export const rosterHeaderPositions = (headers: readonly RosterCell[]): { positions: number[] } | { problem: ImportProblem } => {
  const found = headers.map((h) => cellText(h));
  const missing = ROSTER_HEADERS.filter((h) => !found.includes(h));
  const extra = found.filter((h) => h !== '' && !ROSTER_HEADERS.includes(h));
  const repeated = ROSTER_HEADERS.filter((h) => found.indexOf(h) !== found.lastIndexOf(h));
  if (missing.length + extra.length + repeated.length === 0) return { positions: ROSTER_HEADERS.map((h) => found.indexOf(h)) };
  const quoted = (hs: readonly string[]) => hs.map((h) => `“${h}”`).join('');
  const parts = [
    missing.length ? `缺少${quoted(missing)}` : '',
    extra.length ? `多出${quoted(extra)}` : '',
    repeated.length ? `重复${quoted(repeated)}` : '',
  ].filter(Boolean);
  return {
    problem: {
      row: 1,
      column: missing[0] ?? extra[0] ?? repeated[0]!,
      reason: `表头与花名册模板不符（${parts.join('，')}），整个文件未导入。表头应为：${ROSTER_HEADERS.join('、')}`,
    },
  };
};

/** A row of the file: its Excel row number and its cells in ROSTER_COLUMNS order. */
export interface RosterFileRow {
  row: number;
  cells: RosterCell[];
}

export interface RosterImportContext {
  officeId: string;
  /** The committees a row may name (the import's office's; others are refused). */
  committees: readonly Pick<Committee, 'id' | 'name' | 'officeId'>[];
}

/** Excel counts days from 1899-12-30; a date cell left unformatted arrives as that serial number. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** A cell as trimmed text: numbers in full (no exponent), dates as YYYY-MM-DD. */
export const cellText = (cell: RosterCell): string => {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : isoDate(cell);
  if (typeof cell === 'number') return Number.isInteger(cell) ? BigInt(cell).toString() : String(cell);
  return String(cell).trim();
};

/** A date cell: a date, YYYY-MM-DD (also / or . and one-digit month/day), or an Excel day serial. */
const dateCell = (cell: RosterCell): string => {
  if (typeof cell === 'number' && Number.isInteger(cell) && cell > 0 && cell < 100_000) return isoDate(new Date(EXCEL_EPOCH_MS + cell * 86_400_000));
  const text = cellText(cell);
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : text;
};

/** The code a label stands for; an unknown label passes through so the schema names the problem. */
const choice = <C extends string>(labels: Record<C, string>, text: string): C | string | undefined =>
  text === '' ? undefined : ((Object.keys(labels) as C[]).find((code) => labels[code] === text) ?? text);

const TRAINING_LINE = /^(\S+)\s+(.+?)\s+(\S+?)学时$/;
const TRAINING_FORMAT = '应写作“YYYY-MM-DD 培训内容 学时数学时”';

/** A row's cells as the schema's input, and the problems found before the schema (unknown committee, unreadable cells). */
const rowInput = (cells: RosterCell[], ctx: RosterImportContext) => {
  const at = (field: RosterField) => cells[ROSTER_COLUMNS.findIndex((c) => c.field === field)];
  const text = (field: RosterField) => cellText(at(field));
  const early: { column: string; reason: string }[] = [];

  const idCell = at('idNumber');
  if (typeof idCell === 'number' && !Number.isSafeInteger(idCell)) {
    early.push({ column: '身份证号', reason: '身份证号被存成了数字，末几位已丢失；请把该列设为文本格式后重新填写' });
  }

  const committeeName = text('committeeId');
  const committee = ctx.committees.find((c) => c.officeId === ctx.officeId && c.name === committeeName);
  if (committeeName && !committee) early.push({ column: '所属调委会', reason: `本所没有名为“${committeeName}”的调委会` });

  const trainingText = text('trainings');
  const trainings = trainingText === '' ? [] : trainingText.split(/\r?\n/).filter((l) => l.trim() !== '').map((line, i) => {
    const m = TRAINING_LINE.exec(line.trim());
    if (!m) {
      early.push({ column: '培训情况', reason: `第${i + 1}条培训${TRAINING_FORMAT}` });
      return undefined;
    }
    return { on: dateCell(m[1]!), title: m[2]!, hours: Number(m[3]) };
  });

  const fullTime = choice(FULL_TIME_LABELS, text('fullTime'));
  const input = {
    officeId: ctx.officeId,
    // Unknown names are reported above; an empty one reaches the schema's own message.
    committeeId: committee?.id ?? (committeeName ? 'unknown' : ''),
    name: text('name'),
    sex: choice(MEDIATOR_SEX_LABELS, text('sex')),
    idNumber: text('idNumber') || undefined,
    ethnicity: text('ethnicity'),
    education: text('education') || undefined,
    post: choice(MEDIATOR_POST_LABELS, text('post')),
    fullTime: fullTime === 'true' ? true : fullTime === 'false' ? false : fullTime,
    phone: text('phone') || undefined,
    termStart: dateCell(at('termStart')) || undefined,
    termEnd: dateCell(at('termEnd')) || undefined,
    trainings: trainings.filter((t) => t !== undefined),
  };
  return { input, early };
};

/** The schema's messages for a row, each under its column's header (a choice column lists its words). */
const schemaProblems = (error: Parameters<typeof fieldErrorsOf>[0]) =>
  Object.entries(fieldErrorsOf(error)).map(([path, message]) => {
    const [field, index] = path.split('.');
    const column = ROSTER_COLUMNS.find((c) => c.field === field);
    if (field === 'trainings' && index !== undefined) return { column: '培训情况', reason: `第${Number(index) + 1}条培训：${message}` };
    const choices = column?.choices ? `（可填：${column.choices.join('、')}）` : '';
    return { column: column?.header ?? headerOf('committeeId')!, reason: `${message}${choices}` };
  });

/**
 * The file's rows as mediator inputs, and every problem: per row and column, with the schema's own
 * Chinese messages, unknown committees, and ID numbers repeated within the file (the first stays).
 * Rows with a problem are left out of `rows`; empty rows are skipped.
 */
export const parseRosterRows = (
  fileRows: readonly RosterFileRow[],
  ctx: RosterImportContext,
): { rows: MediatorInput[]; problems: ImportProblem[] } => {
  const rows: MediatorInput[] = [];
  const problems: ImportProblem[] = [];
  const firstRowOfId = new Map<string, number>();
  for (const { row, cells } of fileRows) {
    if (cells.every((c) => cellText(c) === '')) continue;
    const { input, early } = rowInput(cells, ctx);
    const parsed = mediatorInput.safeParse(input);
    const found = [...early];
    if (!parsed.success) {
      // The placeholder id of an unknown committee is already reported in words.
      found.push(...schemaProblems(parsed.error).filter((p) => !(p.column === '所属调委会' && early.some((e) => e.column === p.column))));
    }
    // A valid ID number seen before, whatever else the row gets wrong.
    const id = input.idNumber?.toUpperCase();
    if (id && !found.some((p) => p.column === '身份证号')) {
      const first = firstRowOfId.get(id);
      if (first !== undefined) found.push({ column: '身份证号', reason: `与第${first}行的身份证号重复` });
      else firstRowOfId.set(id, row);
    }
    // One problem per column, in column order.
    const byColumn = new Map<string, string>();
    for (const p of found) if (!byColumn.has(p.column)) byColumn.set(p.column, p.reason);
    for (const header of ROSTER_HEADERS) {
      const reason = byColumn.get(header);
      if (reason) problems.push({ row, column: header, reason });
    }
    if (parsed.success && byColumn.size === 0) rows.push(parsed.data);
  }
  return { rows, problems };
};

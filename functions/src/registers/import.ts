// Importing a register's book from an uploaded workbook: all rows or none. A file that is not the book
// (not a workbook, the wrong headers, too many rows) is refused whole (400 on `uploadId`, naming what
// was expected). Rows that fail the register's schema or checks are all listed (sheet row, column
// heading, reason) and nothing is written. A clean file is written in chunks of transactions (DynamoDB
// holds at most 100 items in one), with entry ids derived from the upload and the row and an import
// record whose `written` count each chunk advances under a condition: a repeated request resumes where
// the last stopped and never doubles; a finished import answers its result again.
import {
  columnHeadings,
  conflict,
  entryInput,
  fieldErrorsOf,
  headerRows,
  isEmptyRow,
  leafColumns,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  notFound,
  registerColumns,
  REGISTERS_AUDIT,
  rowValuesOf,
  validationError,
  type CellProblem,
  type EntryValues,
  type Office,
  type RegisterDeclaration,
  type RegisterEntry,
  type RegisterImportInput,
  type RegisterImportResult,
} from '@sifasuo/domain';
import { writeAudit } from '../shared/audit-writer';
import { auditedWrite } from '../shared/audited';
import { transact } from '../shared/dynamo';
import { factPuts } from '../shared/outbox';
import type { RequestContext } from '../shared/request-context';
import { uploads } from '../shared/uploads';
import { readWorkbook, rowValues, type Worksheet } from '../shared/xlsx';
import { declarationOf, entryProblems, factsOfEntry, newEntry, requireActor, writableOffice } from './entries';
import { entriesRepository as repo, entryFacts, entryItems, entryWrites, type ImportRecord } from './entries-repository';
import { ownUpload } from './uploads';

/** Items a transaction may hold, less the import record and the audit record every chunk may carry. */
const CHUNK_ITEMS = 100 - 2;
/** How far down the sheet the header is looked for (a title and a note usually precede it). */
const HEADER_SEARCH_ROWS = 10;

const refuse = (message: string) => validationError({ uploadId: message });

interface ParsedRow {
  row: number;
  values: EntryValues;
}

/** Where the book's header is: the top row whose header rows match the layout best. */
const findHeader = (sheet: Worksheet, expected: string[][]) => {
  const width = expected[0]!.length;
  let best = { top: 1, score: -1, found: [] as string[][] };
  for (let top = 1; top <= HEADER_SEARCH_ROWS; top++) {
    const found = expected.map((_, level) => rowValues(sheet, top + level, width).map((c) => (c === undefined ? '' : String(c).trim())));
    const score = found.reduce((n, row, level) => n + row.filter((label, c) => label === expected[level]![c]).length, 0);
    if (score > best.score) best = { top, score, found };
  }
  return { ...best, matches: best.score === width * expected.length };
};

/**
 * The rows of the book, read back to field values (blank rows skipped), or the problems of the cells
 * that could not be read; a file that is not the book throws a 400.
 */
export const parseBook = async (d: RegisterDeclaration, bytes: Uint8Array): Promise<{ rows: ParsedRow[]; problems: CellProblem[]; headings: string[] }> => {
  const wb = await readWorkbook(bytes);
  if (!wb) throw refuse('文件不是有效的 Excel 工作簿（.xlsx），请使用导出的台账作为模板');
  const sheet = wb.worksheets[0];
  if (!sheet) throw refuse('文件中没有工作表');
  const columns = registerColumns(d);
  const leaves = leafColumns(columns);
  const expected = headerRows(columns);
  const headings = columnHeadings(expected);
  const header = findHeader(sheet, expected);
  if (!header.matches) {
    const found = columnHeadings(header.found).filter(Boolean);
    throw refuse(`表头与${d.name}不符。应为：${headings.join('、')}；文件中为：${found.length ? found.join('、') : '（空）'}`);
  }
  const first = header.top + expected.length;
  const rows: ParsedRow[] = [];
  const problems: CellProblem[] = [];
  for (let row = first; row <= sheet.rowCount; row++) {
    const cells = rowValues(sheet, row, leaves.length);
    if (isEmptyRow(leaves, cells)) continue;
    if (rows.length === MAX_IMPORT_ROWS) throw refuse(`一次最多导入${MAX_IMPORT_ROWS}行，请分成多个文件导入`);
    const read = rowValuesOf(leaves, headings, cells, row);
    problems.push(...read.problems);
    rows.push({ row, values: read.values });
  }
  if (rows.length === 0) throw refuse('文件中没有台账数据');
  return { rows, problems, headings };
};

/** Every problem of the rows against the register's schema and checks, by the column of the field. */
const rowProblems = (d: RegisterDeclaration, office: Office, rows: ParsedRow[], cellProblems: CellProblem[], headings: string[], now: Date) => {
  const leaves = leafColumns(registerColumns(d));
  const columnOf = (key: string) => {
    const at = leaves.findIndex((l) => l.source && 'field' in l.source && l.source.field.key === key);
    return at >= 0 ? headings[at]! : (d.fields.find((f) => f.key === key)?.label ?? key);
  };
  const problems = [...cellProblems];
  const unread = new Set(cellProblems.map((p) => `${p.row}#${p.column}`));
  const valid: ParsedRow[] = [];
  for (const r of rows) {
    const parsed = entryInput(d).safeParse({ officeId: office.id, ...r.values });
    const fields = parsed.success ? entryProblems(d, parsed.data, now) : fieldErrorsOf(parsed.error);
    // A cell that could not be read is already named; its schema error would only repeat it.
    const found = Object.entries(fields)
      .map(([key, message]) => ({ row: r.row, column: columnOf(key.split('.')[0]!), message }))
      .filter((p) => !unread.has(`${p.row}#${p.column}`));
    problems.push(...found);
    if (parsed.success && !found.length) {
      const { officeId: _office, ...values } = parsed.data as EntryValues & { officeId: string };
      valid.push({ row: r.row, values });
    }
  }
  return { problems: problems.sort((a, b) => a.row - b.row), valid };
};

/** The transaction chunks of the entries (each entry with its facts), in row order. */
const chunksOf = (d: RegisterDeclaration, entries: RegisterEntry[]): RegisterEntry[][] => {
  const chunks: RegisterEntry[][] = [];
  let current: RegisterEntry[] = [];
  let size = 0;
  for (const e of entries) {
    const items = 1 + factsOfEntry(d, e).length;
    if (size + items > CHUNK_ITEMS) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(e);
    size += items;
  }
  if (current.length) chunks.push(current);
  return chunks;
};

/** The id of the entry an import makes of a sheet row: the same on every attempt. */
export const importedEntryId = (uploadId: string, row: number) => `${uploadId}-${String(row).padStart(5, '0')}`;

export const imports = {
  run: async (ctx: RequestContext, register: string, input: RegisterImportInput): Promise<RegisterImportResult> => {
    const d = declarationOf(register);
    const actor = requireActor(ctx);
    const office = await writableOffice(ctx, input.officeId);
    const upload = await ownUpload(ctx, input.uploadId);
    if (!upload || upload.purpose !== 'import') throw notFound('上传文件');
    const importId = upload.id;
    const started = await repo.getImport(importId);
    if (started && (started.register !== d.id || started.officeId !== office.id)) throw conflict('该文件已导入到其他台账或司法所');
    if (started && started.written === started.total) return { importId, imported: started.total, problems: [] };

    const bytes = await uploads.read(importId, MAX_IMPORT_BYTES);
    if (!bytes) throw refuse('文件尚未上传完成，请重新上传');
    const book = await parseBook(d, bytes);
    const { problems, valid } = rowProblems(d, office, book.rows, book.problems, book.headings, ctx.now);
    if (problems.length) {
      await writeAudit(ctx, {
        action: REGISTERS_AUDIT['entry.import'], targetId: importId, outcome: 'rejected',
        reason: `导入文件有${problems.length}处问题，未导入任何数据`, after: { register: d.id, officeId: office.id, fileName: upload.fileName },
      });
      return { importId, imported: 0, problems };
    }

    const entries = valid.map((r) => newEntry(d, office, r.values, { username: actor.username, now: ctx.now, id: importedEntryId(importId, r.row), importId }));
    if (started && started.total !== entries.length) throw conflict('导入文件与已开始的导入不一致，请重新上传');
    const at = ctx.now.toISOString();
    let record: ImportRecord = started ?? { id: importId, register: d.id, officeId: office.id, owner: actor.username, total: entries.length, written: 0, createdAt: at };
    const chunks = chunksOf(d, entries.slice(record.written));
    for (const [i, chunk] of chunks.entries()) {
      const next = { ...record, written: record.written + chunk.length };
      const items = [
        record.written === 0 ? entryWrites.putIfAbsent(entryItems.import(next)) : entryWrites.putIfWritten(entryItems.import(next), record.written),
        ...chunk.map((e) => entryWrites.putIfAbsent(entryItems.entry(e))),
      ];
      const facts = entryFacts({ facts: chunk.flatMap((e) => factsOfEntry(d, e)) });
      // Another request is importing the same file at this moment: it finishes the job.
      const busy = () => conflict('该文件正在导入，请稍后刷新查看');
      if (i < chunks.length - 1) await transact([...items, ...factPuts(facts, ctx.now)], busy);
      else {
        // The last chunk carries the import's one audit record.
        await auditedWrite(ctx, {
          items, facts, onConditionFailed: busy,
          audit: { action: REGISTERS_AUDIT['entry.import'], targetId: importId, after: { register: d.id, officeId: office.id, fileName: upload.fileName, imported: entries.length } },
        });
      }
      record = next;
    }
    return { importId, imported: entries.length, problems: [] };
  },
};

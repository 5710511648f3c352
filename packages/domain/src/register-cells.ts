// A register's Excel layout, both ways: the columns of the official book from its declaration (groups
// over leaves, one header row per level) and each field's value ⇄ cell. The export writes what people
// read (Shanghai times to the minute, labels, 是/否, names joined with 、); the import reads the same
// back — and also what people type (Excel date cells, a value instead of its label, names split on , ，).
import { maskIdNumber } from './id-number';
import type { DerivedField, EntryValues, ExcelColumn, RegisterDescription, RegisterEntry, RegisterField } from './registers';
import { shanghaiDateTime } from './time';

/** What a cell holds once read (the documents kit's plain cell: rich text and formulas reduced). */
export type ReadCell = string | number | boolean | Date | undefined;
/** What the export writes into a cell. */
export type WrittenCell = string | number | undefined;

/** A leaf column of the book: what fills it. */
export type RegisterColumnSource = { serial: true } | { office: true } | { field: RegisterField } | { derived: DerivedField };

/** The layout as the workbook draws it: groups with children, leaves with their source. */
export interface RegisterColumnNode {
  label: string;
  width?: number;
  children?: RegisterColumnNode[];
  source?: RegisterColumnSource;
}

export const OFFICE_COLUMN_LABEL = '司法所';

/**
 * The declaration's Excel columns, resolved to their fields and labels. `withOffice` adds a 司法所
 * column after 序号 (a book of several offices).
 */
export const registerColumns = (d: RegisterDescription, withOffice = false): RegisterColumnNode[] => {
  const resolve = (c: ExcelColumn): RegisterColumnNode => {
    if ('group' in c) return { label: c.group, children: c.children.map(resolve) };
    if ('serial' in c) return { label: c.label ?? '序号', width: c.width, source: { serial: true } };
    if ('field' in c) {
      const field = d.fields.find((f) => f.key === c.field);
      if (!field) throw new Error(`${d.id}: Excel column names unknown field ${c.field}`);
      return { label: c.label ?? field.label, width: c.width, source: { field } };
    }
    const derived = d.derived.find((x) => x.key === c.derived);
    if (!derived) throw new Error(`${d.id}: Excel column names unknown derived value ${c.derived}`);
    return { label: c.label ?? derived.label, width: c.width, source: { derived } };
  };
  const columns = d.excel.columns.map(resolve);
  if (!withOffice) return columns;
  const office: RegisterColumnNode = { label: OFFICE_COLUMN_LABEL, width: 14, source: { office: true } };
  const serialAt = columns.findIndex((c) => c.source && 'serial' in c.source);
  return [...columns.slice(0, serialAt + 1), office, ...columns.slice(serialAt + 1)];
};

/** The leaves, left to right. */
export const leafColumns = (nodes: readonly RegisterColumnNode[]): RegisterColumnNode[] =>
  nodes.flatMap((n) => (n.children?.length ? leafColumns(n.children) : [n]));

const depthOf = (nodes: readonly RegisterColumnNode[]): number => Math.max(...nodes.map((n) => (n.children?.length ? 1 + depthOf(n.children) : 1)));

/**
 * The header as it reads in the sheet: one row per level, each column showing the label that covers
 * it there (a group over its columns, a leaf down to the last row) — merged cells read as their label.
 */
export const headerRows = (nodes: readonly RegisterColumnNode[]): string[][] => {
  const depth = depthOf(nodes);
  const rows: string[][] = Array.from({ length: depth }, () => []);
  const place = (list: readonly RegisterColumnNode[], level: number) => {
    for (const n of list) {
      if (n.children?.length) {
        const span = leafColumns(n.children).length;
        for (let i = 0; i < span; i++) rows[level]!.push(n.label);
        place(n.children, level + 1);
      } else {
        for (let l = level; l < depth; l++) rows[l]!.push(n.label);
      }
    }
  };
  place(nodes, 0);
  return rows;
};

/** A column's full heading, groups included: 来访（信）人/姓名. */
export const columnHeadings = (rows: readonly (readonly string[])[]): string[] =>
  (rows[0] ?? []).map((_, c) => rows.map((r) => r[c] ?? '').filter((label, l, all) => label !== all[l - 1]).join('/'));

// ---- Value → cell -------------------------------------------------------------------------------------

export const FLAG_LABELS = { yes: '是', no: '否' } as const;
/** How names are joined in a cell, and what separates them when read back. */
export const NAMES_JOINER = '、';
const NAMES_SEPARATORS = /[、,，;；]/;

/** What the export shows of a field's value; `fullIdNumbers` only for those who keep the office's books. */
export const cellOfField = (f: RegisterField, value: unknown, fullIdNumbers: boolean): WrittenCell => {
  if (value === undefined || value === null || value === '') return undefined;
  switch (f.kind) {
    case 'date':
    case 'text':
    case 'multiline':
    case 'phone':
      return String(value);
    case 'datetime':
      return shanghaiDateTime(String(value));
    case 'integer':
      return typeof value === 'number' ? value : undefined;
    case 'choice':
      return f.options.find((o) => o.value === value)?.label ?? String(value);
    case 'names':
      return Array.isArray(value) ? value.map((p) => String((p as { name?: unknown }).name ?? '')).join(NAMES_JOINER) : undefined;
    case 'flag':
      return value === true ? FLAG_LABELS.yes : FLAG_LABELS.no;
    case 'idNumber':
      return fullIdNumbers ? String(value) : maskIdNumber(String(value));
  }
};

export const cellOfDerived = (d: DerivedField, value: unknown): WrittenCell => {
  if (typeof value !== 'string' || !value) return undefined;
  return d.kind === 'datetime' ? shanghaiDateTime(value) : value;
};

/** One row of the book: every leaf's cell for an entry (its serial number given). */
export const entryRow = (
  leaves: readonly RegisterColumnNode[],
  entry: RegisterEntry,
  serial: number,
  opts: { fullIdNumbers: boolean; officeName?: (officeId: string) => string },
): WrittenCell[] =>
  leaves.map(({ source }) => {
    if (!source) return undefined;
    if ('serial' in source) return serial;
    if ('office' in source) return opts.officeName?.(entry.officeId) ?? entry.officeId;
    if ('field' in source) return cellOfField(source.field, entry[source.field.key], opts.fullIdNumbers);
    return cellOfDerived(source.derived, entry[source.derived.key]);
  });

// ---- Cell → value -------------------------------------------------------------------------------------

export type CellReading = { value: unknown } | { problem: string };

const pad = (n: number | string) => String(n).padStart(2, '0');

/** An Excel date cell holds the wall-clock time it shows, as if it were UTC. */
const wallClockOf = (d: Date) => ({
  day: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
  time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
});

const isRealDay = (day: string) => {
  const t = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().startsWith(day);
};

/** `2026-03-05`, `2026/3/5`, `2026.3.5`, `2026年3月5日` → `2026-03-05` (undefined if not a real day). */
const dayOfText = (s: string): string | undefined => {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  if (!m) return undefined;
  const day = `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}`;
  return isRealDay(day) ? day : undefined;
};

/** `2026-03-05 09:30` (seconds allowed), read as Shanghai time → an ISO instant with +08:00. */
const instantOfText = (s: string): string | undefined => {
  const m = /^(.+?)[\sT]+(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (!m) return undefined;
  const day = dayOfText(m[1]!.trim());
  const [h, min, sec] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  if (!day || h > 23 || min > 59 || sec > 59) return undefined;
  return `${day}T${pad(h)}:${pad(min)}:${pad(sec)}+08:00`;
};

const textOf = (cell: ReadCell): string | undefined => {
  if (cell === undefined) return undefined;
  if (cell instanceof Date) return undefined;
  const s = String(cell).trim();
  return s === '' ? undefined : s;
};

/** True when the cell holds nothing (blank or only spaces). */
export const isBlankCell = (cell: ReadCell): boolean => cell === undefined || (typeof cell === 'string' && cell.trim() === '');

/**
 * A field's value from its cell, as the field's schema takes it: undefined for a blank cell (the schema
 * decides whether that is allowed), else the value or a problem in Chinese.
 */
export const valueOfCell = (f: RegisterField, cell: ReadCell): CellReading => {
  if (isBlankCell(cell)) return { value: undefined };
  const s = textOf(cell);
  switch (f.kind) {
    case 'text':
    case 'multiline':
    case 'phone':
    case 'idNumber':
      if (cell instanceof Date) return { problem: `${f.label}应为文字，不是日期` };
      return { value: s };
    case 'date': {
      if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? { problem: `${f.label}不是有效日期` } : { value: wallClockOf(cell).day };
      const day = s && dayOfText(s);
      return day ? { value: day } : { problem: `${f.label}应为日期，如 2026-03-05` };
    }
    case 'datetime': {
      if (cell instanceof Date) {
        if (Number.isNaN(cell.getTime())) return { problem: `${f.label}不是有效时间` };
        const { day, time } = wallClockOf(cell);
        return { value: `${day}T${time}:00+08:00` };
      }
      const at = s && instantOfText(s);
      return at ? { value: at } : { problem: `${f.label}应为时间，如 2026-03-05 09:30` };
    }
    case 'integer': {
      const n = typeof cell === 'number' ? cell : s !== undefined && /^-?\d+(\.0+)?$/.test(s) ? Number(s) : NaN;
      return Number.isInteger(n) ? { value: n } : { problem: `${f.label}应为整数` };
    }
    case 'choice': {
      const option = f.options.find((o) => o.label === s || o.value === s);
      return option ? { value: option.value } : { problem: `${f.label}应为：${f.options.map((o) => o.label).join('、')}` };
    }
    case 'flag':
      if (typeof cell === 'boolean') return { value: cell };
      if (s === FLAG_LABELS.yes) return { value: true };
      if (s === FLAG_LABELS.no) return { value: false };
      return { problem: `${f.label}应为“是”或“否”` };
    case 'names': {
      if (cell instanceof Date) return { problem: `${f.label}应为姓名` };
      const names = (s ?? '').split(NAMES_SEPARATORS).map((n) => n.trim()).filter(Boolean);
      return { value: names.map((name) => ({ name })) };
    }
  }
};

/** A problem of a row: the sheet's row number, the column's heading, what is wrong. */
export interface CellProblem {
  row: number;
  column: string;
  message: string;
}

/**
 * The declared fields' values of one sheet row (read cells of every leaf, left to right), or the cells
 * that could not be read. Serial, office and derived columns are not read: they are recomputed.
 */
export const rowValuesOf = (
  leaves: readonly RegisterColumnNode[],
  headings: readonly string[],
  cells: readonly ReadCell[],
  row: number,
): { values: EntryValues; problems: CellProblem[] } => {
  const values: EntryValues = {};
  const problems: CellProblem[] = [];
  leaves.forEach(({ source }, c) => {
    if (!source || !('field' in source)) return;
    const reading = valueOfCell(source.field, cells[c]);
    if ('problem' in reading) problems.push({ row, column: headings[c] ?? '', message: reading.problem });
    else if (reading.value !== undefined) values[source.field.key] = reading.value;
  });
  return { values, problems };
};

/** A row with nothing in any column that holds a field (the serial number alone does not count). */
export const isEmptyRow = (leaves: readonly RegisterColumnNode[], cells: readonly ReadCell[]): boolean =>
  leaves.every(({ source }, c) => !source || !('field' in source) || isBlankCell(cells[c]));

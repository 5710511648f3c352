// Registers (台账, docs/domain.md §2): the office's books, declared once. A register is data — its
// fields, list columns and filters, the official Excel layout, its archive category and the facts it
// publishes — and everything else (schemas, API, export, import, the portal's page) is built from the
// declaration. The declarations themselves are in register-declarations.ts; leave, plans and reports,
// and tasks (workflows rather than books) are in registers-workflows.ts.
import * as z from 'zod';
import type { FieldErrors } from './errors';
import type { FactKind, ScorableFact } from './facts';
import { officeId } from './org';
import type { Actor } from './roles';
import { shanghaiDay, shanghaiDayStart } from './time';
import { dateString, idNumber, multilineText, optionalMultilineText, optionalText, pageQuery, phone, text, version } from './validation';

// ---- Fields ----------------------------------------------------------------------------------------

export interface ChoiceOption {
  value: string;
  label: string;
}

/**
 * What a field holds. `date` is a Shanghai calendar day (YYYY-MM-DD); `datetime` an ISO instant with
 * its offset (shown and exported in Asia/Shanghai, minutes); `names` a list of people `[{name}]`
 * (Excel: joined with 、); `flag` yes/no (Excel: 是/否); `idNumber` a citizen ID (GB 11643), masked
 * in answers; `phone` a mobile or landline number.
 */
export type RegisterFieldType =
  | { kind: 'text'; max: number }
  | { kind: 'multiline'; max: number }
  | { kind: 'date' }
  | { kind: 'datetime' }
  | { kind: 'integer'; min: number; max: number; unit?: string }
  | { kind: 'choice'; options: readonly ChoiceOption[] }
  | { kind: 'names'; max: number }
  | { kind: 'flag' }
  | { kind: 'idNumber' }
  | { kind: 'phone' };

export type RegisterField = RegisterFieldType & {
  /** camelCase; never one of ENTRY_META_KEYS. */
  key: string;
  label: string;
  required: boolean;
  /** A line of help under the input. */
  hint?: string;
};

/** A derived value shown beside the fields (e.g. a petition's reply due date); never typed in. */
export interface DerivedField {
  key: string;
  label: string;
  kind: 'date' | 'datetime' | 'text';
  /** A deadline's field that meets it (`answeredAt` for `replyDueOn`): until it has a value, a date past is overdue. */
  doneBy?: string;
}

/**
 * A column of the official book's Excel layout: a field, a derived value, the row number (序号), or a
 * group heading over columns (a merged header row per level).
 */
export type ExcelColumn =
  | { field: string; label?: string; width?: number }
  | { derived: string; label?: string; width?: number }
  | { serial: true; label?: string; width?: number }
  | { group: string; children: readonly ExcelColumn[] };

/** The serialisable part of a declaration: what `GET /api/registers` answers, the portal renders from. */
export interface RegisterDescription {
  /** URL id: `petitions`, `study-meetings`, … */
  id: string;
  /** The book's official name: 来信来访登记簿. */
  name: string;
  /** The menu's and the buttons' word: 来信来访. */
  shortName: string;
  description: string;
  /** The date (or datetime) field the entry is filed by: list order, `from`/`to`, the export's year. */
  dateField: string;
  /** A short text field that names an entry in lists, the audit log and the archive catalogue. */
  titleField: string;
  fields: readonly RegisterField[];
  derived: readonly DerivedField[];
  /** Field or derived keys shown in the list table, in order. */
  listColumns: readonly string[];
  /** Choice or flag fields the list can be filtered by. */
  filters: readonly string[];
  excel: { title: string; columns: readonly ExcelColumn[] };
  /** The archive's category the year's book is bound under (archive context). */
  archiveCategory: string;
  /** The fact kinds it publishes (the assessment counts them). */
  facts: readonly FactKind[];
}

/** The values of an entry's declared fields, as validated (dates as strings, names as `{name}[]`). */
export type EntryValues = Record<string, unknown>;

/** A declaration: the description plus its pure rules (never serialised). */
export interface RegisterDeclaration extends RegisterDescription {
  /** Cross-field problems (dates in order, a field required by another), by field key. */
  checks?: (values: EntryValues, now: Date) => FieldErrors;
  /** Derived values, e.g. `{ replyDueOn, finishDueOn }`. */
  derive?: (values: EntryValues) => Record<string, string>;
  /** The facts an active entry earns (ids stable per entry and kind); a withdrawn entry earns none. */
  factsOf?: (entry: RegisterEntry) => ScorableFact[];
}

/** Keys every entry carries besides its fields; a declared field may not use one. */
export const ENTRY_META_KEYS = [
  'id', 'register', 'officeId', 'areaId', 'filedOn', 'status', 'version', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy',
  'withdrawnAt', 'withdrawnBy', 'withdrawnReason', 'importId', 'reason',
] as const;

export const ENTRY_STATUSES = ['active', 'withdrawn'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];
export const ENTRY_STATUS_LABELS: Record<EntryStatus, string> = { active: '有效', withdrawn: '已撤销' };

/**
 * An entry as stored and answered: flat — the declared fields' values (`receivedAt`, `channel`, …) and
 * the derived ones (`replyDueOn`) beside the meta keys. ID numbers are masked in answers.
 */
export type RegisterEntry = EntryValues & {
  id: string;
  register: string;
  officeId: string;
  areaId: string;
  /** The Shanghai day of the declaration's `dateField`. */
  filedOn: string;
  status: EntryStatus;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  withdrawnAt?: string;
  withdrawnBy?: string;
  withdrawnReason?: string;
  /** The import that created it, if any. */
  importId?: string;
};

// ---- Helpers of the declarations -------------------------------------------------------------------

/** Options from a value → label table. */
export const choices = (labels: Record<string, string>): ChoiceOption[] => Object.entries(labels).map(([value, label]) => ({ value, label }));

/** The Shanghai calendar day `days` after `day` (negative: before). */
export const addDays = (day: string, days: number): string => shanghaiDay(new Date(shanghaiDayStart(day).getTime() + days * 86_400_000));

/** The record a register entry's fact cites. */
export const entryRef = (entry: Pick<RegisterEntry, 'register' | 'id'>) => ({ context: 'registers', type: entry.register, id: entry.id });

export const stringValue = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A date (YYYY-MM-DD, its Shanghai start) or an instant later than `now`. */
export const isAfterNow = (value: unknown, now: Date): boolean =>
  typeof value === 'string' && Date.parse(value.length === 10 ? `${value}T00:00:00+08:00` : value) > now.getTime();

// ---- Schemas built from a declaration ---------------------------------------------------------------

const instant = (label: string) =>
  z.iso.datetime({ offset: true, error: `${label}格式应为 ISO 时间（含时区），如 2026-03-05T09:30:00+08:00` });

const personName = text('姓名', 40);

/** The zod schema of one field's value (required or optional as declared). */
export const fieldSchema = (f: RegisterField): z.ZodType => {
  const schema = ((): z.ZodType => {
    switch (f.kind) {
      case 'text':
        return f.required ? text(f.label, f.max) : optionalText(f.label, f.max);
      case 'multiline':
        return f.required ? multilineText(f.label, f.max) : optionalMultilineText(f.label, f.max);
      case 'date':
        return dateString(f.label);
      case 'datetime':
        return instant(f.label);
      case 'integer':
        return z
          .number({ error: `${f.label}应为数字` })
          .int({ error: `${f.label}应为整数` })
          .min(f.min, { error: `${f.label}不能小于${f.min}` })
          .max(f.max, { error: `${f.label}不能大于${f.max}` });
      case 'choice': {
        const values = f.options.map((o) => o.value) as [string, ...string[]];
        return z.enum(values, { error: `${f.label}应为：${f.options.map((o) => o.label).join('、')}` });
      }
      case 'names':
        return z
          .array(z.strictObject({ name: personName }), { error: `请填写${f.label}` })
          .min(f.required ? 1 : 0, { error: `请填写${f.label}` })
          .max(f.max, { error: `${f.label}最多${f.max}人` });
      case 'flag':
        return z.boolean({ error: `${f.label}应为是或否` });
      case 'idNumber':
        return idNumber;
      case 'phone':
        return phone;
    }
  })();
  // text/multiline handle their own optionality (an empty optional text is allowed and dropped).
  return f.required || f.kind === 'text' || f.kind === 'multiline' ? schema : schema.optional();
};

const fieldShape = (d: RegisterDescription) => Object.fromEntries(d.fields.map((f) => [f.key, fieldSchema(f)]));

/** The body of `POST …/entries`: the office and the declared fields, nothing else. */
export const entryInput = (d: RegisterDescription) => z.strictObject({ officeId, ...fieldShape(d) });
/**
 * The body of `PUT …/entries/{entryId}`: the fields as they should now be, and the version edited. An
 * ID number may be left out (answers carry it masked): left out, the stored one is kept.
 */
export const entryUpdateInput = (d: RegisterDescription) =>
  z.strictObject({ ...fieldShape(d), ...Object.fromEntries(d.fields.filter((f) => f.kind === 'idNumber').map((f) => [f.key, fieldSchema(f).optional()])), version });

/** What the routes declare (the edge): a JSON object; the register's own schema is applied in the handler. */
export const registerEntryBody = z.record(z.string().max(64, { error: '字段名过长' }), z.unknown(), { error: '请求体应为对象' });

export const withdrawEntryInput = z.strictObject({ version, reason: text('撤销原因', 200) });
export type WithdrawEntryInput = z.infer<typeof withdrawEntryInput>;

const day = (label: string) => dateString(label);
/**
 * `GET …/entries`: by office, by the filing date (`from`/`to`, inclusive), `status` (default: active),
 * and `filter=channel:visit,handling:answered` over the declaration's `filters`.
 */
export const entryListQuery = pageQuery.extend({
  officeId: officeId.optional(),
  from: day('开始日期').optional(),
  to: day('结束日期').optional(),
  status: z.enum([...ENTRY_STATUSES, 'all'], { error: '状态应为 active、withdrawn 或 all' }).optional(),
  filter: z.string().max(300, { error: '筛选条件过长' }).regex(/^[a-zA-Z]+:[a-z0-9-]+(,[a-zA-Z]+:[a-z0-9-]+)*$/, { error: '筛选条件格式应为 字段:值' }).optional(),
});
export type EntryListQuery = z.infer<typeof entryListQuery>;

export const REGISTER_YEAR_MIN = 2000;
const year = z.coerce.number({ error: '年度应为数字' }).int({ error: '年度应为整数' }).min(REGISTER_YEAR_MIN, { error: '年度无效' }).max(2100, { error: '年度无效' });
export const registerExportQuery = z.strictObject({ officeId: officeId.optional(), year });
export type RegisterExportQuery = z.infer<typeof registerExportQuery>;

// ---- Imports (by presigned upload) ------------------------------------------------------------------

/** Largest workbook an import reads, and most rows in one file. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 2000;

export const UPLOAD_PURPOSES = ['import', 'attachment'] as const;
export type UploadPurpose = (typeof UPLOAD_PURPOSES)[number];
/**
 * Who may ask for an upload: an import is for those who keep an office's books (its staff, the
 * county admin); an attachment also for the departments and the leader (tasks they assign).
 */
export const canUpload = (actor: Actor, purpose: UploadPurpose): boolean => {
  const keepsBooks = actor.roles.includes('county_admin') || (!!actor.officeId && actor.roles.some((r) => r === 'office_staff' || r === 'area_director'));
  return keepsBooks || (purpose === 'attachment' && actor.roles.some((r) => r === 'department' || r === 'bureau_leader'));
};

/** Largest attachment of a task's completion. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** `POST /api/registers/uploads`: a ticket to PUT one file straight to storage. */
export const uploadRequestInput = z.strictObject({
  purpose: z.enum(UPLOAD_PURPOSES, { error: '用途应为 import 或 attachment' }),
  fileName: text('文件名', 120),
  size: z.number({ error: '请提供文件大小' }).int({ error: '文件大小应为整数' }).min(1, { error: '文件是空的' }).max(MAX_ATTACHMENT_BYTES, { error: '文件不能超过20MB' }),
});
export type UploadRequestInput = z.infer<typeof uploadRequestInput>;

/** Where to PUT the file, with which headers, until when; `uploadId` names it afterwards. */
export interface UploadTicket {
  uploadId: string;
  url: string;
  method: 'PUT';
  headers: Record<string, string>;
  expiresAt: string;
}

/** `POST /api/registers/{register}/imports`: import an uploaded workbook into one office's book. */
export const registerImportInput = z.strictObject({
  officeId,
  uploadId: z.string({ error: '请先上传文件' }).regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, { error: '上传编号无效' }),
});
export type RegisterImportInput = z.infer<typeof registerImportInput>;

/** A bad cell or row of an import: 1-based sheet row, the column's header (or empty for the row). */
export interface RegisterImportProblem {
  row: number;
  column: string;
  message: string;
}

/**
 * The answer of an import: all rows written (`problems` empty), or none (`imported` 0) with every
 * problem. A file that is not the register's workbook (unreadable, wrong headers, too many rows) is
 * a 400 on `uploadId` instead, naming what was expected.
 */
export interface RegisterImportResult {
  importId: string;
  imported: number;
  problems: RegisterImportProblem[];
}

// ---- The catalogue ------------------------------------------------------------------------------------

export interface RegisterCatalogue {
  registers: RegisterDescription[];
}

/** The declaration without its functions (what the catalogue route answers). */
export const describeRegister = ({ checks: _c, derive: _d, factsOf: _f, ...description }: RegisterDeclaration): RegisterDescription => description;

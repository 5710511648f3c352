// Shared zod building blocks with Chinese messages, and the one translation of zod issues into the
// field errors the API returns and the portal shows beside each input.
import * as z from 'zod';
// The one locale we need (zod's package is side-effect free, so bundles keep only this language).
import { zhCN } from 'zod/locales';
import { ID_NUMBER_MESSAGES, parseIdNumber } from './id-number';
import { validationError, type FieldErrors } from './errors';

// Messages we did not write ourselves (e.g. a body that is not an object) still come out in Chinese.
z.config(zhCN());

/** What makes a text unfit to store, if anything (see `textProblem`). */
export type TextProblem = 'control' | 'newline' | 'surrogate' | 'bidi' | 'invisible';

const TEXT_PROBLEM_MESSAGES: Record<TextProblem, string> = {
  control: '不能包含控制字符或不可见字符',
  newline: '不能换行或包含制表符',
  surrogate: '包含无效的字符（不成对的代理项）',
  bidi: '不能包含文字方向控制字符',
  invisible: '不能包含零宽字符或其他不可见字符',
};

/**
 * The first problem of a text a person typed, or undefined: C0/C1 controls (tab and newline allowed
 * in multi-line text only), lone surrogates, bidi overrides/embeddings/isolates, zero-width and other
 * invisible characters (U+200B–200D, U+2060, U+FEFF), and the Unicode line/paragraph separators.
 * One pass over UTF-16 code units, total for any string.
 */
export const textProblem = (s: string, multiline = false): TextProblem | undefined => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x09 || c === 0x0a) {
      if (!multiline) return 'newline';
    } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return 'control';
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return 'surrogate';
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return 'surrogate';
    else if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) return 'bidi';
    else if ((c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff) return 'invisible';
    else if (c === 0x2028 || c === 0x2029) return multiline ? 'control' : 'newline';
  }
  return undefined;
};

/** Normalises as the text schemas do: NFC, and CRLF / CR line ends as LF (multi-line text). */
const normaliseText = (s: string, multiline: boolean) => {
  // A lone surrogate survives normalize() unchanged; textProblem refuses it afterwards.
  const nfc = s.normalize('NFC');
  return multiline ? nfc.replace(/\r\n?/g, '\n') : nfc;
};

/** A string schema of people's text: trimmed, NFC, no controls or invisible characters. */
const cleanString = (label: string, missing: string, multiline: boolean) =>
  z
    .string({ error: missing })
    .trim()
    .overwrite((s) => normaliseText(s, multiline))
    .check((ctx) => {
      const problem = textProblem(ctx.value, multiline);
      if (problem) ctx.issues.push({ code: 'custom', input: ctx.value, message: `${label}${TEXT_PROBLEM_MESSAGES[problem]}` });
    });

const requiredText = (label: string, max: number, multiline: boolean) =>
  cleanString(label, `请填写${label}`, multiline)
    .min(1, { error: `请填写${label}` })
    .max(max, { error: `${label}不能超过${max}个字` });
const optional = (label: string, max: number, multiline: boolean) =>
  cleanString(label, `${label}应为文字`, multiline).max(max, { error: `${label}不能超过${max}个字` }).optional();

/** Required single-line text of 1..max characters (trimmed, NFC; no controls, tabs, newlines or invisible characters). */
export const text = (label: string, max: number) => requiredText(label, max, false);
export const optionalText = (label: string, max: number) => optional(label, max, false);
/** Required multi-line text: as `text`, but newlines (CRLF stored as LF) and tabs are allowed. */
export const multilineText = (label: string, max: number) => requiredText(label, max, true);
export const optionalMultilineText = (label: string, max: number) => optional(label, max, true);

/** A filter or key someone typed (search boxes, ids): as `optionalText`, with its own messages. */
export const plainString = (label: string, max: number, tooLong: string) =>
  cleanString(label, `${label}应为文字`, false).min(1).max(max, { error: tooLong });

/** Mainland mobile (11 digits, 1[3-9]) or a landline with area code (0xx(x)-xxxxxxx(x)). */
export const phone = z
  .string({ error: '请填写联系电话' })
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, { error: '联系电话应为11位手机号或带区号的固定电话' });

export const idNumber = z
  .string({ error: '请填写身份证号' })
  .trim()
  .transform((s) => s.toUpperCase())
  .superRefine((value, ctx) => {
    const parsed = parseIdNumber(value);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: ID_NUMBER_MESSAGES[parsed.problem] });
  });

export const dateString = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label}格式应为 YYYY-MM-DD` })
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
      error: `${label}不是有效日期`,
    });

export const version = z
  .number({ error: '缺少版本号' })
  .int({ error: '版本号应为整数' })
  .min(1, { error: '版本号无效' })
  .max(1_000_000_000, { error: '版本号无效' });

export const pageQuery = z.strictObject({
  limit: z.coerce
    .number({ error: '每页条数应为数字' })
    .int({ error: '每页条数应为整数' })
    .min(1, { error: '每页条数至少为1' })
    .max(100, { error: '每页条数最多为100' })
    .default(50),
  cursor: z.string().max(2048, { error: '分页游标无效' }).optional(),
});
export type PageQuery = z.infer<typeof pageQuery>;

export interface Page<T> {
  items: T[];
  /** Opaque; absent on the last page. */
  cursor?: string;
}

/**
 * A page of the items that pass `keep`, read from pages of the unfiltered list until `limit` are found
 * or the list ends; the cursor continues right after the last item read, so no item is skipped.
 */
export const filteredPage = async <T>(
  read: (limit: number, cursor?: string) => Promise<Page<T>>,
  keep: (item: T) => boolean,
  limit: number,
  cursor?: string,
): Promise<Page<T>> => {
  const items: T[] = [];
  let next = cursor;
  do {
    const page = await read(limit - items.length, next);
    items.push(...page.items.filter(keep));
    next = page.cursor;
  } while (next && items.length < limit);
  return next ? { items, cursor: next } : { items };
};

/** zod issues → `{ "staff.phone": "联系电话应为…" }`; unknown keys are named one by one. */
export const fieldErrorsOf = (error: z.ZodError): FieldErrors => {
  // No prototype: a field called `constructor` or `toString` must not look already set.
  const fields: FieldErrors = Object.create(null);
  for (const issue of error.issues) {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[base ? `${base}.${key}` : key] ??= '不允许的字段';
      continue;
    }
    const key = base || '_';
    fields[key] ??= issue.message;
  }
  return { ...fields };
};

/** Parses input with a schema or throws the domain's 400 error carrying field messages. */
export const parseInput = <S extends z.ZodType>(schema: S, input: unknown): z.output<S> => {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(fieldErrorsOf(result.error));
  return result.data;
};

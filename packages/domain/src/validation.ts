// Shared zod building blocks with Chinese messages, and the one translation of zod issues into the
// field errors the API returns and the portal shows beside each input.
import * as z from 'zod';
// The one locale we need (zod's package is side-effect free, so bundles keep only this language).
import { zhCN } from 'zod/locales';
import { ID_NUMBER_MESSAGES, parseIdNumber } from './id-number';
import { validationError, type FieldErrors } from './errors';

// Messages we did not write ourselves (e.g. a body that is not an object) still come out in Chinese.
z.config(zhCN());

/** Required trimmed text of 1..max characters. */
export const text = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, { error: `请填写${label}` })
    .max(max, { error: `${label}不能超过${max}个字` });

export const optionalText = (label: string, max: number) =>
  z.string({ error: `${label}应为文字` }).trim().max(max, { error: `${label}不能超过${max}个字` }).optional();

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

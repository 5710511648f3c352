// GB 11643-1999 citizen identity numbers: 6-digit region, 8-digit birth date, 3-digit sequence (odd =
// male), ISO 7064 MOD 11-2 check character.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

export const idNumberCheckChar = (first17: string): string => {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
};

export interface IdNumberFacts {
  birthDate: string; // YYYY-MM-DD
  sex: 'male' | 'female';
}

export type IdNumberProblem = 'format' | 'birthDate' | 'checkDigit';

/** Parses an ID number; returns the derived facts or the first problem found. */
export const parseIdNumber = (raw: string): { ok: true; facts: IdNumberFacts } | { ok: false; problem: IdNumberProblem } => {
  const id = raw.toUpperCase();
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) return { ok: false, problem: 'format' };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { ok: false, problem: 'birthDate' };
  }
  if (idNumberCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, problem: 'checkDigit' };
  return {
    ok: true,
    facts: { birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`, sex: Number(id[16]) % 2 === 1 ? 'male' : 'female' },
  };
};

export const ID_NUMBER_MESSAGES: Record<IdNumberProblem, string> = {
  format: '身份证号应为18位，前17位为数字，末位为数字或X',
  birthDate: '身份证号中的出生日期无效',
  checkDigit: '身份证号校验位不正确',
};

/** `110105********002X`: the default display of an ID number. */
export const maskIdNumber = (id: string) => (id.length === 18 ? `${id.slice(0, 6)}********${id.slice(14)}` : '******');

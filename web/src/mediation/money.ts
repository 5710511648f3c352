// Amounts the user types in 元 become integer 分 by reading the decimal string, never through a float
// (12,345.67 × 100 in floating point is 1234566.9999…).
import { MAX_AMOUNT_FEN } from '@sifasuo/domain';

/** `12,345.67` → 1234567; undefined for anything that is not a non-negative amount with at most two decimals. */
export const fenFromYuan = (typed: string): number | undefined => {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(typed.trim().replace(/[,，\s]/g, ''));
  if (!match) return undefined;
  const fen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) && fen <= MAX_AMOUNT_FEN ? fen : undefined;
};

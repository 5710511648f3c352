// The homes' cards of registers share one answer of `GET /api/registers/summary`: the cards of one
// home ask within moments of each other, and a home opened again later asks afresh.
import type { RegistersSummary } from '@sifasuo/domain';
import { registersApi } from '../api';
import { useLoad } from '../../kit/useLoad';

const SHARED_FOR_MS = 5_000;
let shared: { at: number; answer: Promise<RegistersSummary> } | undefined;

const summary = () => {
  if (!shared || Date.now() - shared.at > SHARED_FOR_MS) {
    const answer = registersApi.summary();
    shared = { at: Date.now(), answer };
    answer.catch(() => (shared = undefined));
  }
  return shared.answer;
};

export const useSummary = () => useLoad(summary, []);

/** A link inside a line of text is underlined: colour alone does not set it apart (WCAG 1.4.1). */
export const INLINE_LINK = { textDecoration: 'underline' } as const;
/** Lists on a card show this many; the page shows the rest. */
export const CARD_ITEMS = 5;

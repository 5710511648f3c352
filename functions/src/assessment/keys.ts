// The assessment table (single-table design inside the context):
//   fact          PK FACTS#<officeId>#<month>   SK FACT#<factId>     GSI1 KIND#<kind>#<month> / <officeId>#<factId>
//                 (the evidence ledger: `fact` is the latest recording (by occurredAt), `retractedAt` the latest
//                 retraction; the fact counts while it is absent or earlier than the recording — so duplicated
//                 and re-ordered deliveries converge on the same state)
//   rubric        PK RUBRIC#<year>              SK V#<version:6>     (every saved version; never changed)
//   rubric head   PK RUBRIC#<year>              SK CURRENT           (the current version: the PUT's condition)
//   run           PK RUNS#<month>               SK V#<version:4>     (status, done/total counter, pinned rubric, summary)
//   run head      PK RUNS#<month>               SK CURRENT           (latest version, approved version: who starts next)
//   score page    PK SCORES#<runId>             SK PAGE#<n:5>        (a run's scores, about SCORES_PER_PAGE offices to a page by a
//                 hash of the office id: one attribute S_<officeId> each, the score gzipped, written once: attribute_not_exists;
//                 `scorePageItems` / `storedScores`. Runs stored before pages have one item a score, SK OFFICE#<officeId>.)
//   totals page   PK TOTALS#<runId>             SK PAGE#<n:5>        (each score page's totals, T_<officeId> "total late missing",
//                 in the same transaction as the page: ranking and the fan-out read a few bytes an office, not whole scores)
//   ranks         PK RANKS#<runId>              SK CHUNK#<n:4>       (officeId → rank, RANKS_PER_ITEM to an item, written when the
//                 run is ranked: a few puts rather than an update of every score)
//   adjustment    PK ADJUST#<month>             SK <officeId>#<id>   (deductions and bonuses of a month)
//   funding       PK FUNDING#<year>             SK <id>              (drafts and approved allocations)
import { scoreTotalOf, type Adjustment, type AssessmentRun, type FundingAllocation, type OfficeScore, type Rubric, type ScorableFact, type ScoreTotal } from '@sifasuo/domain';
import { GSI1, indexKeys } from '@sifasuo/wiring/src/types';
import { gunzipSync, gzipSync } from 'node:zlib';
import { tableName } from '../shared/aws';
import { withoutKeys } from '../shared/dynamo';
import { chunksOf } from '../shared/parallel';

export const assessmentTable = () => tableName('assessment');

const BY_KIND = indexKeys(GSI1);
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** `2026-10-v2` ⇄ month 2026-10, version 2. */
export const runIdOf = (month: string, version: number) => `${month}-v${version}`;
export const parseRunId = (runId: string): { month: string; version: number } | undefined => {
  const m = /^(\d{4}-(?:0[1-9]|1[0-2]))-v(\d{1,4})$/.exec(runId);
  return m ? { month: m[1]!, version: Number(m[2]) } : undefined;
};

export const keys = {
  facts: (officeId: string, month: string) => ({ PK: `FACTS#${officeId}#${month}` }),
  fact: (f: Pick<ScorableFact, 'id' | 'officeId' | 'month'>) => ({ PK: `FACTS#${f.officeId}#${f.month}`, SK: `FACT#${f.id}` }),
  /** The GSI1 keys a recorded fact carries (alerts: a kind's facts of a month, across offices). */
  factByKind: (f: Pick<ScorableFact, 'id' | 'officeId' | 'month' | 'kind'>) => ({
    [BY_KIND.pk]: `KIND#${f.kind}#${f.month}`, [BY_KIND.sk]: `${f.officeId}#${f.id}`,
  }),
  kindOfMonth: (kind: string, month: string) => `KIND#${kind}#${month}`,
  rubric: (year: number, version: number) => ({ PK: `RUBRIC#${year}`, SK: `V#${pad(version, 6)}` }),
  rubricHead: (year: number) => ({ PK: `RUBRIC#${year}`, SK: 'CURRENT' }),
  rubricVersions: (year: number) => ({ PK: `RUBRIC#${year}`, SKPrefix: 'V#' }),
  run: (month: string, version: number) => ({ PK: `RUNS#${month}`, SK: `V#${pad(version, 4)}` }),
  runHead: (month: string) => ({ PK: `RUNS#${month}`, SK: 'CURRENT' }),
  runs: (month: string) => ({ PK: `RUNS#${month}`, SKPrefix: 'V#' }),
  scorePage: (runId: string, page: number) => ({ PK: `SCORES#${runId}`, SK: `PAGE#${pad(page, 5)}` }),
  /** A score of a run stored before pages. */
  score: (runId: string, officeId: string) => ({ PK: `SCORES#${runId}`, SK: `OFFICE#${officeId}` }),
  scores: (runId: string) => ({ PK: `SCORES#${runId}` }),
  totalsPage: (runId: string, page: number) => ({ PK: `TOTALS#${runId}`, SK: `PAGE#${pad(page, 5)}` }),
  totals: (runId: string) => ({ PK: `TOTALS#${runId}` }),
  rankChunk: (runId: string, n: number) => ({ PK: `RANKS#${runId}`, SK: `CHUNK#${pad(n, 4)}` }),
  ranks: (runId: string) => ({ PK: `RANKS#${runId}` }),
  adjustment: (a: Pick<Adjustment, 'month' | 'officeId' | 'id'>) => ({ PK: `ADJUST#${a.month}`, SK: `${a.officeId}#${a.id}` }),
  adjustments: (month: string) => ({ PK: `ADJUST#${month}` }),
  funding: (year: number, id: string) => ({ PK: `FUNDING#${year}`, SK: id }),
  fundings: (year: number) => ({ PK: `FUNDING#${year}` }),
};

/** The stored shapes (what `withoutKeys` gives back). */
export interface FactItem {
  /** The latest recording (by occurredAt); absent when only a retraction arrived. */
  fact?: ScorableFact;
  occurredAt?: string;
  retractedAt?: string;
  kind?: string;
}
/** Whether a ledger item's fact counts now: recorded, and not retracted at or after its recording. */
export const factCounts = (i: FactItem): i is FactItem & { fact: ScorableFact } =>
  !!i.fact && (!i.retractedAt || (i.occurredAt !== undefined && i.occurredAt > i.retractedAt));

/**
 * Scores are kept in pages: DynamoDB (Local most of all) charges an item write far more than its bytes,
 * so a run's scores go in as a few dozen items rather than one an office. An office's page follows
 * from its id and the run's number of offices (fixed when the run starts), so a redelivered office
 * lands on the same page and its attribute's condition finds it scored.
 */
export const SCORES_PER_PAGE = 50;
export const scorePageCount = (offices: number) => Math.max(1, Math.ceil(offices / SCORES_PER_PAGE));
/** FNV-1a of the office id, over the run's pages. */
export const scorePageOf = (officeId: string, offices: number): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < officeId.length; i++) hash = Math.imul(hash ^ officeId.charCodeAt(i), 0x01000193) >>> 0;
  return hash % scorePageCount(offices);
};
const SCORE_ATTRIBUTE = 'S_';
/** The page attribute that holds an office's score. */
export const scoreAttribute = (officeId: string) => `${SCORE_ATTRIBUTE}${officeId}`;
/** A score as a page stores it: the whole score but its rank (the ranks items keep ranks), gzipped JSON. */
export const encodeScore = ({ rank: _, ...score }: OfficeScore): Uint8Array => gzipSync(JSON.stringify(score));
const decodeScore = (stored: Uint8Array): OfficeScore => JSON.parse(gunzipSync(stored).toString('utf8')) as OfficeScore;
const TOTAL_ATTRIBUTE = 'T_';
/** The totals page attribute that holds an office's total. */
export const totalAttribute = (officeId: string) => `${TOTAL_ATTRIBUTE}${officeId}`;
/** A score's total as a totals page stores it: "total late missing". */
export const encodeTotal = (score: OfficeScore): string => {
  const { total, late, missing } = scoreTotalOf(score);
  return `${total} ${late} ${missing}`;
};
/** The totals of a totals page's offices. */
export const storedTotals = (item: Record<string, unknown>): ScoreTotal[] =>
  Object.entries(item).flatMap(([name, value]) => {
    if (!name.startsWith(TOTAL_ATTRIBUTE)) return [];
    const [total, late, missing] = String(value).split(' ').map(Number) as [number, number, number];
    return [{ officeId: name.slice(TOTAL_ATTRIBUTE.length), total, late, missing }];
  });

/** Scores grouped by their page in a run of `offices` offices. */
export const scoresByPage = (scores: readonly OfficeScore[], offices: number): Map<number, OfficeScore[]> => {
  const pages = new Map<number, OfficeScore[]>();
  for (const s of scores) {
    const page = scorePageOf(s.officeId, offices);
    const of = pages.get(page);
    if (of) of.push(s);
    else pages.set(page, [s]);
  }
  return pages;
};

/**
 * What some offices of one page put on its two items (the scorer's updates and the seed's items alike):
 * the score page, each attribute written once (the exactly-once guard), and the totals page.
 */
export const pageAttributes = (runId: string, page: number, scores: readonly OfficeScore[]) => [
  { key: keys.scorePage(runId, page), entity: 'score-page', writeOnce: true, attributes: Object.fromEntries(scores.map((s) => [scoreAttribute(s.officeId), encodeScore(s)])) },
  { key: keys.totalsPage(runId, page), entity: 'score-totals', writeOnce: false, attributes: Object.fromEntries(scores.map((s) => [totalAttribute(s.officeId), encodeTotal(s)])) },
];

/** A run's score and totals pages as the scorer would write them (the demo seed stores its scores so). */
export const scorePageItems = (runId: string, offices: number, scores: readonly OfficeScore[]) =>
  [...scoresByPage(scores, offices)].flatMap(([page, of]) =>
    pageAttributes(runId, page, of).map(({ key, entity, attributes }) => ({ ...key, entity, ...attributes })),
  );

/** The scores of a stored item: a page's offices, or the one score of an item stored before pages. */
export const storedScores = (item: Record<string, unknown>): OfficeScore[] => {
  if (String(item.SK).startsWith('PAGE#')) {
    return Object.entries(item).flatMap(([name, value]) => (name.startsWith(SCORE_ATTRIBUTE) ? [decodeScore(value as Uint8Array)] : []));
  }
  // Before pages: the sections, lines and adjustments in a gzipped `detail` (or, earlier still, as attributes).
  const { detail, ...head } = withoutKeys<OfficeScore & { detail?: Uint8Array }>(item);
  return [detail ? { ...head, ...(JSON.parse(gunzipSync(detail).toString('utf8')) as Pick<OfficeScore, 'sections' | 'lines' | 'adjustments'>) } : head];
};

/** Offices in one ranks item: about 15 bytes each, far below the 400 KB item limit. */
export const RANKS_PER_ITEM = 5_000;
export interface RanksItem {
  ranks: Record<string, number>;
}
/** A ranked run's ranks items (a run of every office in China is 8 of them). */
export const ranksItems = (runId: string, ranked: ReadonlyArray<{ officeId: string; rank: number }>) =>
  chunksOf(ranked, RANKS_PER_ITEM).map((chunk, n) => {
    const stored: RanksItem = { ranks: Object.fromEntries(chunk.map((s) => [s.officeId, s.rank])) };
    return { ...keys.rankChunk(runId, n), entity: 'ranks', ...stored };
  });

export interface RunHead {
  latest: number;
  approved?: number;
}
export type RunItem = AssessmentRun;
export type ScoreItem = OfficeScore;
export type RubricItemStored = Rubric;
export type AdjustmentItem = Adjustment;
export type FundingItemStored = FundingAllocation;

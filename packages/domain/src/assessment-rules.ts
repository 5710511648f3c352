// The assessment's pure functions (docs/domain.md §5): a rubric applied to an office's facts of a
// month (the monthly run's scorer and the live month use the same one), ranking, the deadline radar,
// rubric validation, the year-end composite and the funding split. No I/O, no clock: `asOf`/`now`
// are passed in, so a re-run on the same facts gives the same answer.
import type {
  Adjustment,
  CompositeInputs,
  FundingAllocation,
  FundingInput,
  FundingItem,
  OfficeScore,
  RadarItem,
  Rubric,
  RubricInput,
} from './assessment';
import type { FieldErrors } from './errors';
import type { ScorableFact } from './facts';
import type { OfficeClass } from './org';

export interface ScoredOffice {
  id: string;
  name: string;
  areaId: string;
  officeClass: OfficeClass;
}

export interface ScoreInput {
  rubric: Rubric;
  runId: string;
  /** The assessed month (YYYY-MM). */
  month: string;
  office: ScoredOffice;
  /** The office's facts of the month, retractions already applied (any order). */
  facts: readonly ScorableFact[];
  /** The month's active adjustments of the office (deductions and bonuses). */
  adjustments: readonly Adjustment[];
  /** Facts that occurred after this instant do not count (the run's cutoff; the live month: now). */
  asOf: Date;
}

const NOT_YET = (what: string): never => {
  throw new Error(`assessment-rules: ${what} is not written yet`);
};

/** Points are shown and stored to 2 decimals. */
export const roundPoints = (n: number): number => Math.round(n * 100) / 100;

/**
 * One office's month: each applicable item's line (citing its facts), sections with deductions (a
 * section never below 0), the base scaled back to 100 over applicable items, plus the bonus (capped).
 * Always within [0, 100 + bonus cap].
 */
export const scoreOffice = (input: ScoreInput): OfficeScore => NOT_YET(`scoreOffice(${input.office.id})`);

/** Ranks by total (highest first); equal totals share a rank (1, 2, 2, 4), listed by office id. */
export const rankScores = (scores: readonly OfficeScore[]): OfficeScore[] => NOT_YET(`rankScores(${scores.length})`);

/** The instant up to which a month's run counts facts: the end of the latest `lateDay` of the rubric's deadlines (default the 10th) of the next month, Shanghai. */
export const runCutoff = (rubric: Pick<Rubric, 'items'>, month: string): Date => NOT_YET(`runCutoff(${rubric.items.length}, ${month})`);

/** The month the 11th's schedule scores: the Shanghai month before `now`'s. */
export const monthToAssess = (now: Date): string => NOT_YET(`monthToAssess(${now.toISOString()})`);

/** What is due, late or missing for an office around `now`: last month's deadlines until its cutoff and this month's, with the facts. */
export const radarItems = (input: {
  rubric: Rubric;
  office: ScoredOffice;
  /** Facts of last month and this month. */
  facts: readonly ScorableFact[];
  now: Date;
}): RadarItem[] => NOT_YET(`radarItems(${input.office.id})`);

/** Counts of a score's deadline lines by state (the heat map's cells). */
export const lineCounts = (score: Pick<OfficeScore, 'lines'>): { onTime: number; late: number; missing: number } =>
  NOT_YET(`lineCounts(${score.lines.length})`);

/** Problems of a rubric an admin wrote, by field path: points add up to 100, ids unique, sections and kinds exist, deadlines ordered. */
export const rubricProblems = (rubric: Omit<RubricInput, 'version' | 'note'>): FieldErrors => NOT_YET(`rubricProblems(${rubric.items.length})`);

/** 70% × (0.4 × first-half average + 0.6 × second-half average) + 30% × on-site + bonus (averages over the months given). */
export const compositeScore = (year: number, inputs: CompositeInputs): { firstHalf: number; secondHalf: number; composite: number } =>
  NOT_YET(`compositeScore(${year}, ${Object.keys(inputs.monthly).length})`);

/**
 * Splits `poolFen` in proportion to the weights, each part rounded down to the fen and the fen left
 * over given one each by largest remainder (equal remainders: the lower id first): the parts sum to
 * the pool exactly. Weights ≤ 0 get 0.
 */
export const largestRemainder = (poolFen: number, weights: ReadonlyArray<{ id: string; weight: number }>): Map<string, number> =>
  NOT_YET(`largestRemainder(${poolFen}, ${weights.length})`);

/** The year-end table: composite, rank, eligibility, excellence and amount for every office (pool or unit mode). */
export const allocateFunding = (
  input: FundingInput,
  offices: readonly ScoredOffice[],
  /** Approved monthly totals: officeId → month → total. */
  monthly: Readonly<Record<string, Readonly<Record<string, number>>>>,
): Pick<FundingAllocation, 'items' | 'totalFen' | 'months'> & { items: FundingItem[] } =>
  NOT_YET(`allocateFunding(${input.year}, ${offices.length}, ${Object.keys(monthly).length})`);

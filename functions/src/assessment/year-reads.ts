// What the live month, the radar, the funding and the notice read besides the pipeline's repositories
// (rubrics.ts, runs-repository.ts, ledger-repository.ts, adjustments-repository.ts): the year's
// current rubric, a month's active adjustments by office, a year's months.
import { defaultRubric, type Adjustment, type Office, type Rubric, type ScoredOffice } from '@sifasuo/domain';
import { monthAdjustments } from './adjustments-repository';
import { rubricOf } from './rubrics';

/** The year's current rubric (the default while none is stored). */
export const currentRubric = async (year: number): Promise<Rubric> => (await rubricOf(year)) ?? defaultRubric(year);

/** The month's active adjustments (deductions and bonuses) of every office, by office. */
export const activeAdjustments = async (month: string): Promise<Map<string, Adjustment[]>> => {
  const byOffice = new Map<string, Adjustment[]>();
  for (const a of (await monthAdjustments(month)).filter((a) => a.status === 'active')) byOffice.set(a.officeId, [...(byOffice.get(a.officeId) ?? []), a]);
  return byOffice;
};

export const scoredOffice = (o: Office): ScoredOffice => ({ id: o.id, name: o.name, areaId: o.areaId, officeClass: o.officeClass });

/** The twelve months of a year. */
export const monthsOf = (year: number): string[] => Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);

// An office's (or the county's average) score over the twelve months up to a given one, from the
// heat map's cells of the years they span (a year's map the page has loaded already is not asked
// again). Hidden for a user the heat map is not for.
import { useMemo } from 'react';
import { roundPoints, type CountyRadar } from '@sifasuo/domain';
import { assessmentApi } from './api';
import { monthsBack, pts, shortMonth } from './shared';
import LineChart from '../kit/LineChart';
import { useLoad } from '../kit/useLoad';

const radarsFor = async (months: readonly string[], loaded: readonly CountyRadar[]) => {
  const years = [...new Set(months.map((m) => Number(m.slice(0, 4))))];
  const known = loaded.filter((r) => years.includes(r.year));
  const missing = years.filter((year) => !known.some((r) => r.year === year));
  return [...known, ...(await Promise.all(missing.map((year) => assessmentApi.radar({ year }))))];
};

const NONE: readonly CountyRadar[] = [];

/** Score by month: one office's, or (no office) the average of the offices scored that month. */
export const trendOf = (radars: readonly CountyRadar[], months: readonly string[], officeId?: string) =>
  months.map((m) => {
    const cells = radars.flatMap((r) => r.cells).filter((c) => c.month === m && c.score !== undefined && (!officeId || c.officeId === officeId));
    const value = cells.length ? cells.reduce((s, c) => s + c.score!, 0) / cells.length : undefined;
    return { label: m, value: value === undefined ? undefined : roundPoints(value) };
  });

export default function Trend({ to, officeId, title, testId, loaded = NONE }: { to: string; officeId?: string; title: string; testId?: string; loaded?: readonly CountyRadar[] }) {
  const months = useMemo(() => monthsBack(12, to).reverse(), [to]);
  const radars = useLoad(() => radarsFor(months, loaded), [months, loaded]);
  if (!radars.data) return null;
  return <LineChart title={title} points={trendOf(radars.data, months, officeId)} format={pts} max={110} tick={shortMonth} testId={testId} />;
}

// The demo's assessment year (packages/domain/src/assessment-demo.ts) and the items the seed stores
// from it (functions/src/assessment/seed.ts): scored from the very facts the mediation and registers
// demo years hold, the same clock gives the same runs, scores and ids; twelve approved months with a
// real spread (the habitually late offices at the bottom), complete ranks, deductions only in the
// author's sections, bonuses from the presets, all entered before the run; the funding splits the pool
// to the fen.
import {
  adjustmentInput,
  assessmentDemo,
  DEFAULT_SECTIONS,
  deductibleSections,
  defaultRubric,
  HABITUALLY_LATE,
  mediationDemoYear,
  monthsEndingWith,
  registersDemoYear,
  scoreTotalOf,
  shanghaiDay,
} from '@sifasuo/domain';
import { county, DEMO_ACCOUNT_OFFICES, demoMonths, demoUsers } from '@sifasuo/domain/src/demo-county';
import { demoItems } from '../../functions/src/assessment/seed';
import { keys, scorePageOf, storedScores, storedTotals } from '../../functions/src/assessment/keys';

const offices = county.areas.flatMap((a) => a.offices.map((o) => ({ ...o, areaId: a.id })));
// After the 11th: November was run by the schedule and approved since.
const NOW = new Date('2026-12-16T03:30:00Z');
/** The other seeds' facts, as the assessment seed regenerates them. */
const factsOf = (of: typeof offices, size: 'full' | 'small', now = NOW) => {
  const months = demoMonths(size);
  return [...mediationDemoYear(of, now, { months }).facts, ...registersDemoYear(of, now, { months }).facts];
};
const facts = factsOf(offices, 'full');
const demo = assessmentDemo(offices, facts, NOW);
const smallOffices = offices.filter((o) => DEMO_ACCOUNT_OFFICES.has(o.id));
const small = assessmentDemo(smallOffices, factsOf(smallOffices, 'small'), NOW, { months: 1, funding: false, early: true });

const scores = demo.months.flatMap((m) => m.scores);
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const user = (username: string) => demoUsers.find((u) => u.username === username)!;

describe('the demo assessment year', () => {
  it('is deterministic: the same offices, facts and clock give the same runs, scores, adjustments and ids', () => {
    expect(assessmentDemo(offices, facts, NOW)).toEqual(demo);
    expect(demoItems(assessmentDemo(offices, facts, NOW))).toEqual(demoItems(demo));
  });

  it('scores the twelve months before the clock, every office, each run approved by the leader', () => {
    expect(demo.months.map((m) => m.month)).toEqual([
      '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11',
    ]);
    for (const { month, run, scores: monthScores } of demo.months) {
      expect(monthScores).toHaveLength(49);
      expect(run).toMatchObject({ runId: `${month}-v1`, status: 'approved', done: 49, total: 49, rubricVersion: 0, approvedBy: 'leader', approvedByName: '赵局长' });
      expect(new Set(monthScores.map((s) => s.runId))).toEqual(new Set([run.runId]));
      expect(Date.parse(run.startedAt)).toBeLessThan(Date.parse(run.scoredAt!));
      expect(Date.parse(run.scoredAt!)).toBeLessThan(Date.parse(run.approvedAt!));
      expect(Date.parse(run.approvedAt!)).toBeLessThanOrEqual(NOW.getTime());
      expect(run.summary!.average).toBeCloseTo(mean(monthScores.map((s) => s.total)), 1);
    }
    // The 11th's schedule at 02:00 Shanghai, counting facts up to the end of the 10th; approved on the 12th–15th.
    for (const { run } of demo.months) {
      expect(run).toMatchObject({ trigger: 'schedule', startedBy: 'system' });
      const started = shanghaiDay(new Date(run.startedAt));
      expect(started.slice(8)).toBe('11');
      expect(run.asOf).toBe(new Date(Date.parse(`${started.slice(0, 8)}10T23:59:59.999+08:00`)).toISOString());
      expect(Number(shanghaiDay(new Date(run.approvedAt!)).slice(8))).toBeGreaterThanOrEqual(12);
      expect(Number(shanghaiDay(new Date(run.approvedAt!)).slice(8))).toBeLessThanOrEqual(15);
    }
  });

  it('leaves last month to its schedule before the 11th (its reports are not all due): the twelve end with the month before; unless asked to run it early', () => {
    const early = new Date('2026-12-02T03:30:00Z');
    const before = assessmentDemo(offices, factsOf(offices, 'full', early), early, { funding: false });
    expect(before.months.map((m) => m.month)).toEqual(monthsEndingWith('2026-10', 12));
    // The oldest month is as full as the newest: its records are there (14 months of them).
    const average = (m: (typeof before.months)[number]) => mean(m.scores.map((s) => s.total));
    expect(average(before.months[0]!)).toBeGreaterThan(average(before.months.at(-1)!) - 10);
    expect(before.months.every((m) => m.run.trigger === 'schedule')).toBe(true);
    const run = assessmentDemo(smallOffices, factsOf(smallOffices, 'small', early), early, { months: 1, funding: false, early: true }).months[0]!;
    expect(run.run).toMatchObject({ month: '2026-11', trigger: 'manual', startedBy: 'leader', status: 'approved' });
    expect(Date.parse(run.run.asOf)).toBeLessThanOrEqual(Date.parse(run.run.startedAt));
    expect(Date.parse(run.run.approvedAt!)).toBeLessThanOrEqual(early.getTime());
  });

  it('cites only facts the other seeds wrote, of the office and month scored', () => {
    const byId = new Map(facts.map((f) => [f.id, f]));
    const cited = scores.flatMap((s) => s.lines.flatMap((l) => l.factIds.map((id) => ({ s, f: byId.get(id) }))));
    expect(cited.length).toBeGreaterThan(49 * 12 * 5);
    for (const { s, f } of cited) expect(f && f.officeId === s.officeId && f.month === s.month).toBe(true);
  });

  it('shows a real spread, with the habitually late offices at the bottom', () => {
    const totals = scores.map((s) => s.total);
    expect(Math.min(...totals)).toBeLessThan(60);
    expect(Math.max(...totals)).toBeGreaterThanOrEqual(90);
    for (const { scores: monthScores } of demo.months) {
      const t = monthScores.map((s) => s.total);
      expect(Math.max(...t) - Math.min(...t)).toBeGreaterThan(10);
    }
    const late = mean(scores.filter((s) => HABITUALLY_LATE.has(s.officeId)).map((s) => s.total));
    const others = mean(scores.filter((s) => !HABITUALLY_LATE.has(s.officeId)).map((s) => s.total));
    expect(late).toBeLessThan(others - 5);
    // Over the year, each habitually late office ranks in the bottom half on average.
    for (const id of HABITUALLY_LATE) expect(mean(scores.filter((s) => s.officeId === id).map((s) => s.rank!))).toBeGreaterThan(25);
    expect(scores.flatMap((s) => s.flags).filter((f) => f.state === 'missing').length).toBeGreaterThan(0);
  });

  it('ranks every month completely: highest first, equal totals share a rank', () => {
    for (const { scores: monthScores } of demo.months) {
      for (const s of monthScores) {
        expect(s.rank).toBe(1 + monthScores.filter((o) => o.total > s.total).length);
      }
      expect(Math.min(...monthScores.map((s) => s.rank!))).toBe(1);
    }
  });

  it('has deductions only in the sections their department owns and bonuses from the presets, entered before the run', () => {
    const all = demo.months.flatMap((m) => m.adjustments.map((a) => ({ a, run: m.run })));
    const deductions = all.filter(({ a }) => a.kind === 'deduction');
    const bonuses = all.filter(({ a }) => a.kind === 'bonus');
    expect(deductions.length).toBeGreaterThanOrEqual(12);
    expect(bonuses.length).toBeGreaterThanOrEqual(6);
    const presets = defaultRubric(2026).bonus.presets;
    for (const { a, run } of all) {
      expect(adjustmentInput.safeParse({ month: a.month, officeId: a.officeId, item: a.item, points: a.points, reason: a.reason, evidence: a.evidence, preset: a.preset }).success).toBe(true);
      expect(a).toMatchObject({ status: 'active', byName: user(a.by).displayName });
      // As the API names them (the withdraw route parses month and office from the id).
      expect(a.id).toMatch(new RegExp(`^${a.month}-${a.officeId}-[0-9A-HJKMNP-TV-Z]{26}$`));
      expect(Date.parse(a.at)).toBeLessThan(Date.parse(run.startedAt));
      // A deduction on an item that applies to the office that month (no 社区矫正 deduction without supervision facts).
      const line = demo.months.find((m) => m.month === a.month)!.scores.find((s) => s.officeId === a.officeId)!.lines.find((l) => l.item === a.item);
      if (a.kind === 'deduction') expect([deductibleSections(user(a.by), DEFAULT_SECTIONS).includes(a.section!), line?.applicable]).toEqual([true, true]);
      else expect(presets.find((p) => p.id === a.preset)?.points).toBe(a.points);
      // A score carries its office's adjustments.
      const score = demo.months.find((m) => m.month === a.month)!.scores.find((s) => s.officeId === a.officeId)!;
      expect(score.adjustments.map((x) => x.id)).toContain(a.id);
    }
    expect(new Set(all.map(({ a }) => a.id)).size).toBe(all.length);
  });

  it('drafts one funding allocation for the year so far that splits the pool exactly', () => {
    const f = demo.funding!;
    expect(f).toMatchObject({ year: 2026, mode: 'pool', poolFen: 49 * 1_000_000, threshold: 60, excellent: 6, status: 'draft', createdBy: 'finance' });
    expect(f.months).toEqual(demo.months.filter((m) => m.month.startsWith('2026-')).map((m) => m.month));
    expect(f.id).toMatch(/^2026-[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(f.items).toHaveLength(49);
    expect(f.items.reduce((s, i) => s + i.amountFen, 0)).toBe(f.poolFen);
    expect(f.totalFen).toBe(f.poolFen);
    expect(f.items.filter((i) => i.excellent)).toHaveLength(6);
    expect(Date.parse(f.createdAt)).toBeLessThanOrEqual(NOW.getTime());
  });

  it('stores one item per run, run head, ranks, score page, totals page, adjustment and the funding, each under its own key', () => {
    const items = demoItems(demo);
    const adjustments = demo.months.reduce((n, m) => n + m.adjustments.length, 0);
    const pages = demo.months.reduce((n, m) => n + new Set(m.scores.map((s) => scorePageOf(s.officeId, m.run.total))).size, 0);
    expect(items).toHaveLength(12 * 3 + 2 * pages + adjustments + 1);
    expect(new Set(items.map((i) => `${i.PK}|${i.SK}`)).size).toBe(items.length);
    expect(items.find((i) => i.PK === 'RUNS#2026-10' && i.SK === 'CURRENT')).toMatchObject({ latest: 1, approved: 1 });
    // Every office's score on its page, each once.
    const monthPages = items.filter((i) => i.PK === 'SCORES#2026-10-v1');
    expect(monthPages.flatMap(storedScores).map((s) => s.officeId).sort()).toEqual(scores.filter((s) => s.month === '2026-10').map((s) => s.officeId).sort());
    const stored = items.find((i) => i.PK === 'SCORES#2026-10-v1' && i.SK === keys.scorePage('2026-10-v1', scorePageOf('0101', 49)).SK)!;
    const score = scores.find((s) => s.month === '2026-10' && s.officeId === '0101')!;
    // Read back as the API reads it: the same score, its rank from the month's ranks item.
    const ranks = items.find((i) => i.PK === 'RANKS#2026-10-v1') as unknown as { ranks: Record<string, number> };
    expect({ ...storedScores(stored).find((s) => s.officeId === '0101'), rank: ranks.ranks['0101'] }).toEqual(score);
    // Each office's total on the totals page beside its score's, as ranking reads it.
    const totals = items.filter((i) => i.PK === 'TOTALS#2026-10-v1').flatMap(storedTotals);
    expect(totals.map((t) => t.officeId).sort()).toEqual(monthPages.flatMap(storedScores).map((s) => s.officeId).sort());
    expect(totals.find((t) => t.officeId === '0101')).toEqual(scoreTotalOf(score));
  });

  it('is last month only for the demo accounts\' offices in a small demo, without funding', () => {
    expect(small.months).toHaveLength(1);
    expect(small.months[0]!.month).toBe('2026-11');
    expect(small.months[0]!.scores.map((s) => s.officeId).sort()).toEqual([...DEMO_ACCOUNT_OFFICES].sort());
    expect(small.months[0]!.run.status).toBe('approved');
    expect(small.funding).toBeUndefined();
  });
});

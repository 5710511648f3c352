// The assessment engine, pure: each rule type with DOMAIN §5's numbers (the default rubric), the
// Asia/Shanghai deadline boundaries, scaling over the applicable items, deductions with the section
// floor, the bonus cap, ranking, the run's cutoff and the month the schedule scores.
import {
  defaultRubric,
  monthToAssess,
  rankScores,
  roundPoints,
  runCutoff,
  scoreOffice,
  type Adjustment,
  type FactKind,
  type OfficeScore,
  type ScorableFact,
  type ScoredOffice,
} from '@sifasuo/domain';

const MONTH = '2026-10';
const RUBRIC = defaultRubric(2026);
const REGULAR: ScoredOffice = { id: '0101', name: '城关司法所', areaId: '01', officeClass: 'regular' };
const CENTRAL: ScoredOffice = { ...REGULAR, id: '0102', name: '中心司法所', officeClass: 'central' };
/** The October run's cutoff: 10 November 23:59:59.999 Shanghai. */
const CUTOFF = new Date('2026-11-10T15:59:59.999Z');

let serial = 0;
const fact = (kind: FactKind, occurredAt: string, over: Partial<ScorableFact> = {}): ScorableFact => {
  serial += 1;
  const ref = over.ref ?? { context: kind.split('.')[0]!, type: 'record', id: `r${serial}` };
  return { id: `${kind}#${ref.id}#${serial}`, kind, officeId: REGULAR.id, month: MONTH, occurredAt, ref, ...over };
};
const score = (facts: ScorableFact[], over: { office?: ScoredOffice; adjustments?: Adjustment[]; asOf?: Date; month?: string } = {}) =>
  scoreOffice({ rubric: RUBRIC, runId: `${over.month ?? MONTH}-v1`, month: over.month ?? MONTH, office: over.office ?? REGULAR, facts, adjustments: over.adjustments ?? [], asOf: over.asOf ?? CUTOFF });
const line = (s: OfficeScore, item: string) => {
  const found = s.lines.find((l) => l.item === item);
  if (!found) throw new Error(`no line ${item}`);
  return found;
};

describe('deadline items (A1: by the 3rd 8, by the 10th 4, else 0)', () => {
  const report = (occurredAt: string) => fact('mediation.report.submitted', occurredAt, { dueAt: '2026-11-03T15:59:59.999Z' });

  it('on the 3rd: full points; on the 7th: the late points and a 迟报 flag; on the 11th or never: 0 and a 漏报 flag', () => {
    const onTime = score([report('2026-11-03T02:00:00Z')]);
    expect(line(onTime, 'A1')).toMatchObject({ points: 8, state: 'full' });
    expect(onTime.flags.find((f) => f.item === 'A1')).toBeUndefined();

    const late = report('2026-11-07T06:20:00Z');
    const seventh = score([late]);
    expect(line(seventh, 'A1')).toMatchObject({ points: 4, state: 'late', factIds: [late.id], note: '次月3日前报送：11月7日 14:20 报送（迟报）' });
    expect(seventh.flags).toContainEqual({ item: 'A1', name: '月度排查报告', state: 'late' });

    const eleventh = score([report('2026-11-11T02:00:00Z')], { asOf: new Date('2026-11-12T00:00:00Z') });
    expect(line(eleventh, 'A1')).toMatchObject({ points: 0, state: 'missing' });
    expect(eleventh.flags).toContainEqual({ item: 'A1', name: '月度排查报告', state: 'missing' });

    const never = score([]);
    expect(line(never, 'A1')).toMatchObject({ points: 0, state: 'missing', factIds: [] });
    expect(never.flags.map((f) => f.item)).toEqual(['A1', 'A2', 'A3']);
  });

  it('the Shanghai boundary: 23:59 on the 3rd (+08:00) is on time, 00:01 on the 4th is late', () => {
    expect(line(score([report('2026-11-03T23:59:00+08:00')]), 'A1')).toMatchObject({ points: 8, state: 'full' });
    expect(line(score([report('2026-11-03T15:59:00Z')]), 'A1')).toMatchObject({ points: 8, state: 'full' });
    expect(line(score([report('2026-11-04T00:01:00+08:00')]), 'A1')).toMatchObject({ points: 4, state: 'late' });
    expect(line(score([report('2026-11-03T16:01:00Z')]), 'A1')).toMatchObject({ points: 4, state: 'late' });
    // The late day's own boundary: 23:59 on the 10th still earns the late points.
    expect(line(score([report('2026-11-10T15:59:00Z')]), 'A1')).toMatchObject({ points: 4, state: 'late' });
  });

  it('the earliest report counts; a fact after asOf or of another month does not', () => {
    const first = report('2026-11-02T01:00:00Z');
    expect(line(score([report('2026-11-08T01:00:00Z'), first]), 'A1')).toMatchObject({ points: 8, factIds: [first.id] });
    expect(line(score([report('2026-11-02T01:00:00Z')], { asOf: new Date('2026-11-01T00:00:00Z') }), 'A1').points).toBe(0);
    expect(line(score([{ ...report('2026-11-02T01:00:00Z'), month: '2026-09' }]), 'A1').points).toBe(0);
  });

  it('the live month: no report yet and not due is pending, not missing, and raises no flag', () => {
    const live = score([], { asOf: new Date('2026-10-20T02:00:00Z') });
    expect(line(live, 'A1')).toMatchObject({ points: 0, state: 'pending' });
    expect(live.flags).toEqual([]);
    expect(line(live, 'A4')).toMatchObject({ points: 0, state: 'pending' });
  });
});

describe('quota items', () => {
  it('A4: 2 points per item, at most 4', () => {
    const info = (n: number) => Array.from({ length: n }, (_, i) => fact('registers.information.submitted', `2026-10-0${i + 1}T02:00:00Z`));
    expect(line(score(info(0)), 'A4')).toMatchObject({ points: 0, state: 'missing' });
    expect(line(score(info(1)), 'A4')).toMatchObject({ points: 2, state: 'partial' });
    expect(line(score(info(2)), 'A4')).toMatchObject({ points: 4, state: 'full' });
    expect(line(score(info(5)), 'A4')).toMatchObject({ points: 4, state: 'full' });
  });

  it('A6: target 2 for a regular office, 3 for a central one', () => {
    const cases = [1, 2].map((d) => fact('mediation.typical-case.submitted', `2026-10-0${d}T02:00:00Z`));
    expect(line(score(cases), 'A6').points).toBe(4);
    expect(line(score(cases, { office: CENTRAL }), 'A6').points).toBe(2.67);
    expect(line(score([...cases, fact('mediation.typical-case.submitted', '2026-10-09T02:00:00Z')], { office: CENTRAL }), 'A6').points).toBe(4);
  });

  it('a duplicated fact (same id) counts once', () => {
    const one = fact('registers.information.submitted', '2026-10-01T02:00:00Z');
    expect(line(score([one, one]), 'A4').points).toBe(2);
  });
});

describe('scaling, deductions, bonus', () => {
  it('an office with nothing: only the always-applicable items, scaled back to 100 (C1 without subjects, rates without records and B2 off-quarter are left out)', () => {
    const s = score([]);
    const notApplicable = s.lines.filter((l) => !l.applicable).map((l) => l.item);
    expect(notApplicable).toEqual(['B2', 'B3', 'B4', 'C1', 'C2', 'C3', 'D1', 'D3']);
    expect(s.base).toBe(100 - 3 - 6 - 4 - 8 - 6 - 6 - 5 - 5);
    // B5 (6) and E2 (4) keep their points with no incident.
    expect(s.earned).toBe(10);
    expect(s.total).toBe(roundPoints((10 / s.base) * 100));
  });

  it('roundPoints keeps two decimals', () => {
    expect(roundPoints(2.666666)).toBe(2.67);
    expect(roundPoints(0.005 + 1)).toBe(1.01);
  });
});

describe('ranking', () => {
  const s = (officeId: string, total: number) => ({ ...score([]), officeId, total });
  it('highest first, ties share a rank (1, 2, 2, 4), listed by office id, as new objects', () => {
    const input = [s('0104', 80), s('0103', 90), s('0102', 95), s('0101', 90)];
    const ranked = rankScores(input);
    expect(ranked.map((r) => [r.officeId, r.rank])).toEqual([['0102', 1], ['0101', 2], ['0103', 2], ['0104', 4]]);
    expect(input.every((r) => r.rank === undefined)).toBe(true);
  });
});

describe('the run and its month', () => {
  it('the cutoff is the end of the latest late day (the 10th) of the next month, Shanghai', () => {
    expect(runCutoff(RUBRIC, '2026-10').toISOString()).toBe('2026-11-10T15:59:59.999Z');
    expect(runCutoff(RUBRIC, '2026-12').toISOString()).toBe('2027-01-10T15:59:59.999Z');
    const manualOnly = { items: [{ ...RUBRIC.items[0]!, rule: { type: 'manual' as const } }] };
    expect(runCutoff(manualOnly, '2026-02').toISOString()).toBe('2026-03-10T15:59:59.999Z');
    const later = { items: [{ ...RUBRIC.items[0]!, rule: { type: 'deadline' as const, kind: 'mediation.report.submitted' as const, dueDay: 5, lateDay: 15, latePoints: 1 } }] };
    expect(runCutoff(later, '2026-10').toISOString()).toBe('2026-11-15T15:59:59.999Z');
  });

  it('the schedule scores the Shanghai month before now', () => {
    expect(monthToAssess(new Date('2026-11-10T18:00:00Z'))).toBe('2026-10'); // 11 Nov 02:00 Shanghai
    expect(monthToAssess(new Date('2026-12-31T16:30:00Z'))).toBe('2026-12'); // 1 Jan 00:30 Shanghai
    expect(monthToAssess(new Date('2027-01-10T18:00:00Z'))).toBe('2026-12');
  });
});

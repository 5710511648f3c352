// The assessment engine, pure: each rule type with DOMAIN §5's numbers (the default rubric), the
// Asia/Shanghai deadline boundaries, scaling over the applicable items, deductions with the section
// floor, the bonus cap, ranking, the run's cutoff and the month the schedule scores.
import {
  defaultRubric,
  lineCounts,
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

describe('quarter-end items (B2 only in March, June, September, December)', () => {
  const quarterly = (month: string, occurredAt: string, dueAt: string) => fact('mediation.screening.quarterly', occurredAt, { month, dueAt });

  it('applies in September, not in October', () => {
    const september = score([quarterly('2026-09', '2026-09-25T02:00:00Z', '2026-09-30T15:59:59.999Z')], { month: '2026-09', asOf: new Date('2026-10-10T15:59:59.999Z') });
    expect(line(september, 'B2')).toMatchObject({ applicable: true, points: 3, state: 'full' });
    const october = score([quarterly(MONTH, '2026-10-25T02:00:00Z', '2026-10-31T15:59:59.999Z')]);
    expect(line(october, 'B2')).toMatchObject({ applicable: false, points: 0, max: 3, state: 'not-applicable', note: '本月不考核' });
  });

  it('a quarterly screening after its due time earns nothing (on-time filter)', () => {
    const late = score([quarterly('2026-09', '2026-10-02T02:00:00Z', '2026-09-30T15:59:59.999Z')], { month: '2026-09', asOf: new Date('2026-10-10T15:59:59.999Z') });
    expect(line(late, 'B2')).toMatchObject({ applicable: true, points: 0, state: 'missing' });
  });
});

describe('rate items', () => {
  const closed = (id: string, success: boolean) =>
    fact('mediation.case.closed', '2026-10-10T02:00:00Z', { quantity: success ? 1 : 0, ref: { context: 'mediation', type: 'case', id } });
  const entered = (id: string, occurredAt: string) =>
    fact('mediation.case.entered-online', occurredAt, { dueAt: '2026-11-03T15:59:59.999Z', ref: { context: 'mediation', type: 'case', id } });
  const cases = (total: number, successes: number) => Array.from({ length: total }, (_, i) => closed(`c${i}`, i < successes));

  it('B4 success rate by bands: 95% → 4, 90% and 85% → 2, 80% → 0; no closed case → not applicable', () => {
    expect(line(score(cases(20, 20)), 'B4')).toMatchObject({ points: 4, state: 'full' });
    expect(line(score(cases(20, 19)), 'B4')).toMatchObject({ points: 4, state: 'full' });
    expect(line(score(cases(20, 18)), 'B4')).toMatchObject({ points: 2, state: 'partial' });
    expect(line(score(cases(20, 17)), 'B4')).toMatchObject({ points: 2, state: 'partial' });
    const sixteen = cases(20, 16);
    const eighty = line(score(sixteen), 'B4');
    expect(eighty).toMatchObject({ points: 0, state: 'missing', note: '达标 16/20（80%）' });
    // The failed cases come first in the drill-down, then the successes.
    expect(eighty.factIds.slice(0, 4).sort()).toEqual(sixteen.slice(16).map((f) => f.id).sort());
    expect(eighty.factIds.slice(4).sort()).toEqual(sixteen.slice(0, 16).map((f) => f.id).sort());
    expect(line(score([]), 'B4')).toMatchObject({ applicable: false, state: 'not-applicable', max: 4 });
  });

  it('B3: 6 × the share of closed cases entered online on time; a late entry or another record\'s entry does not count', () => {
    const four = cases(4, 4);
    const facts = [
      ...four,
      entered('c0', '2026-11-01T02:00:00Z'),
      entered('c1', '2026-11-03T15:00:00Z'),
      entered('c2', '2026-11-05T02:00:00Z'), // late
      entered('elsewhere', '2026-11-01T02:00:00Z'), // no closed case of this record this month
    ];
    const b3 = line(score(facts), 'B3');
    expect(b3).toMatchObject({ points: 3, state: 'partial', note: '达标 2/4（50%）' });
    // Not met first (c2 entered late, c3 never), then the entries that counted.
    expect(b3.factIds).toEqual([four[2]!.id, four[3]!.id, facts[4]!.id, facts[5]!.id]);
  });

  it('C2 check-ins: 6 × done ÷ required', () => {
    const required = [1, 2, 3, 4].map((n) => fact('supervision.check-in.required', `2026-10-0${n}T02:00:00Z`, { ref: { context: 'supervision', type: 'check-in', id: `k${n}` } }));
    const done = [1, 2, 3].map((n) => fact('supervision.check-in.done', `2026-10-0${n}T05:00:00Z`, { ref: { context: 'supervision', type: 'check-in', id: `k${n}` } }));
    expect(line(score([...required, ...done]), 'C2')).toMatchObject({ points: 4.5, state: 'partial' });
  });
});

describe('penalty items', () => {
  const registered = (id: string, dueAt: string) =>
    fact('mediation.dispute.major-registered', '2026-10-05T02:00:00Z', { dueAt, ref: { context: 'mediation', type: 'dispute', id } });
  const reported = (id: string, occurredAt: string, dueAt: string) =>
    fact('mediation.dispute.major-reported', occurredAt, { dueAt, ref: { context: 'mediation', type: 'dispute', id } });
  const DUE = '2026-10-05T06:00:00Z';

  it('B5: −2 per late report, −3 per unreported, floor 0; a dispute reported in time costs nothing', () => {
    const inTime = [registered('d1', DUE), reported('d1', '2026-10-05T05:00:00Z', DUE)];
    expect(line(score(inTime), 'B5')).toMatchObject({ points: 6, state: 'full', factIds: [], note: '无扣分情形' });

    const late = [registered('d2', DUE), reported('d2', '2026-10-05T09:00:00Z', DUE)];
    const unreported = registered('d3', DUE);
    const b5 = line(score([...inTime, ...late, unreported]), 'B5');
    expect(b5).toMatchObject({ points: 1, state: 'partial', factIds: [late[1]!.id, unreported.id], note: '1 起扣 2 分，1 起扣 3 分' });

    const many = [...late, registered('d4', DUE), registered('d5', DUE)];
    expect(line(score(many), 'B5')).toMatchObject({ points: 0, state: 'missing' });
  });

  it('B5: a dispute not yet due for its report is not counted unreported', () => {
    const notDue = registered('d6', '2026-10-20T06:00:00Z');
    expect(line(score([notDue], { asOf: new Date('2026-10-20T05:00:00Z') }), 'B5').points).toBe(6);
    expect(line(score([notDue], { asOf: new Date('2026-10-20T07:00:00Z') }), 'B5').points).toBe(3);
  });

  it('E2: −2 per unexcused absence, floor 0', () => {
    const absences = (n: number) => Array.from({ length: n }, (_, i) => fact('registers.absence.unexcused', `2026-10-1${i}T01:00:00Z`));
    expect(line(score(absences(0)), 'E2').points).toBe(4);
    expect(line(score(absences(1)), 'E2')).toMatchObject({ points: 2, state: 'partial' });
    expect(line(score(absences(3)), 'E2')).toMatchObject({ points: 0, state: 'missing', note: '3 起扣 6 分，扣完为止' });
  });

  it('C1 applies only with subjects under supervision (a required check-in this month): −4 per incident', () => {
    const incident = fact('supervision.incident.recorded', '2026-10-12T01:00:00Z');
    expect(line(score([incident]), 'C1')).toMatchObject({ applicable: false, points: 0, max: 8 });
    const withSubjects = [incident, fact('supervision.check-in.required', '2026-10-01T01:00:00Z')];
    expect(line(score(withSubjects), 'C1')).toMatchObject({ applicable: true, points: 4, factIds: [incident.id] });
  });
});

/** Every item at full marks in October except those that do not apply (B2, C, D1, D3): base 67. */
const fullOctober = (): ScorableFact[] => {
  const onTime = { dueAt: '2026-10-31T15:59:59.999Z' };
  return [
    fact('mediation.report.submitted', '2026-11-01T02:00:00Z'),
    fact('registers.platform-data.confirmed', '2026-11-02T02:00:00Z'),
    fact('registers.feedback.submitted', '2026-11-04T02:00:00Z'),
    ...[1, 2].map((d) => fact('registers.information.submitted', `2026-10-0${d}T02:00:00Z`)),
    ...[1, 2].map((d) => fact('mediation.news.submitted', `2026-10-0${d}T02:00:00Z`)),
    ...[1, 2].map((d) => fact('mediation.typical-case.submitted', `2026-10-0${d}T02:00:00Z`)),
    ...[15, 30].map((d) => fact('mediation.screening.submitted', `2026-10-${d}T02:00:00Z`, onTime)),
    fact('mediation.case.closed', '2026-10-08T02:00:00Z', { quantity: 1, ref: { context: 'mediation', type: 'case', id: 'ok' } }),
    fact('mediation.case.entered-online', '2026-10-09T02:00:00Z', { dueAt: '2026-11-03T15:59:59.999Z', ref: { context: 'mediation', type: 'case', id: 'ok' } }),
    fact('registers.publicity.held', '2026-10-18T02:00:00Z'),
    ...[5, 12, 19, 26].map((d) => fact('registers.study.held', `2026-10-${String(d).padStart(2, '0')}T02:00:00Z`)),
  ];
};
const adjustment = (over: Partial<Adjustment>): Adjustment => ({
  id: `adj-${over.item ?? 'A1'}-${over.points ?? 1}-${over.status ?? 'active'}`, month: MONTH, officeId: REGULAR.id, item: 'A1', points: 1, reason: '事由', evidence: '依据',
  kind: 'deduction', status: 'active', by: 'u1', byName: '张三', at: '2026-11-05T02:00:00Z', ...over,
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

  it('every applicable item at full marks with C, D1 and D3 not applicable: base 67, total still 100', () => {
    const s = score(fullOctober());
    expect(s.lines.filter((l) => !l.applicable).map((l) => l.item)).toEqual(['B2', 'C1', 'C2', 'C3', 'D1', 'D3']);
    expect(s.lines.filter((l) => l.applicable).every((l) => l.points === l.max && l.state === 'full')).toBe(true);
    expect(s).toMatchObject({ base: 67, earned: 67, bonus: 0, total: 100, flags: [], officeName: '城关司法所', areaId: '01', officeClass: 'regular', runId: '2026-10-v1' });
    expect(s.sections.map((x) => [x.id, x.earned, x.max])).toEqual([['A', 30, 30], ['B', 22, 22], ['C', 0, 0], ['D', 5, 5], ['E', 10, 10]]);
    // One missing on-time report (A1: 8) costs 8 of 67, i.e. 11.94 of 100.
    const noReport = score(fullOctober().slice(1));
    expect(noReport.total).toBe(roundPoints((59 / 67) * 100));
    expect(noReport.total).toBe(88.06);
  });

  it('deductions come off their section, never below 0; withdrawn ones do not count; the section may be named', () => {
    const two = adjustment({ item: 'A2', points: 2 });
    expect(score(fullOctober(), { adjustments: [two] })).toMatchObject({ total: roundPoints((65 / 67) * 100), sections: expect.arrayContaining([expect.objectContaining({ id: 'A', deducted: 2 })]) });
    // E holds 10: 20 deducted there takes only its 10.
    const heavy = [adjustment({ item: 'E1', points: 12 }), adjustment({ item: 'E2', points: 8 })];
    expect(score(fullOctober(), { adjustments: heavy }).total).toBe(roundPoints((57 / 67) * 100));
    const withdrawn = adjustment({ item: 'A2', points: 5, status: 'withdrawn' });
    const s = score(fullOctober(), { adjustments: [withdrawn] });
    expect(s.total).toBe(100);
    expect(s.adjustments).toEqual([]);
    const named = adjustment({ item: 'A2', points: 3, section: 'B' });
    expect(score(fullOctober(), { adjustments: [named] }).sections.find((x) => x.id === 'B')!.deducted).toBe(3);
  });

  it('the bonus is added after scaling and capped at 10', () => {
    const bonus = (points: number, n: number) => adjustment({ id: `b${n}`, item: 'X', kind: 'bonus', points });
    expect(score(fullOctober(), { adjustments: [bonus(3, 1), bonus(0.5, 2)] })).toMatchObject({ bonus: 3.5, total: 103.5 });
    expect(score(fullOctober(), { adjustments: [bonus(3, 1), bonus(5, 2), bonus(3, 3)] })).toMatchObject({ bonus: 10, total: 110 });
    expect(score([], { adjustments: [bonus(5, 1)] }).total).toBe(roundPoints((10 / 57) * 100 + 5));
  });

  it('a rubric\'s bonus facts earn their quantity as points, within the cap', () => {
    const rubric = { ...RUBRIC, bonus: { ...RUBRIC.bonus, facts: ['registers.report.submitted' as const] } };
    const facts = [...fullOctober(), fact('registers.report.submitted', '2026-10-20T02:00:00Z', { quantity: 2 })];
    expect(scoreOffice({ rubric, runId: 'r', month: MONTH, office: REGULAR, facts, adjustments: [], asOf: CUTOFF })).toMatchObject({ bonus: 2, total: 102 });
  });

  it('manual items keep their full points (deductions are separate)', () => {
    const rubric = { ...RUBRIC, items: [{ ...RUBRIC.items[0]!, id: 'A1', points: 100, rule: { type: 'manual' as const } }] };
    const s = scoreOffice({ rubric, runId: 'r', month: MONTH, office: REGULAR, facts: [], adjustments: [adjustment({ points: 7.5 })], asOf: CUTOFF });
    expect(s.lines[0]).toMatchObject({ points: 100, state: 'full' });
    expect(s.total).toBe(92.5);
  });

  it('roundPoints keeps two decimals, half up', () => {
    expect(roundPoints(2.666666)).toBe(2.67);
    expect(roundPoints(1.005)).toBe(1.01);
    expect(roundPoints(88.0597)).toBe(88.06);
    expect(Object.is(roundPoints(-0.001), 0)).toBe(true);
  });
});

describe('the heat map counts deadline and rate lines', () => {
  it('on time, late and missing', () => {
    const facts = fullOctober();
    facts[0] = fact('mediation.report.submitted', '2026-11-06T02:00:00Z'); // A1 late
    const counts = lineCounts(score(facts.filter((f) => f.kind !== 'registers.platform-data.confirmed'))); // A2 missing
    // A3, B3, B4 on time (quota lines do not count); A1 late; A2 missing.
    expect(counts).toEqual({ onTime: 3, late: 1, missing: 1 });
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

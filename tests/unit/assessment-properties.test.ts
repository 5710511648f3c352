// Properties of the assessment engine over arbitrary facts and adjustments (fast-check, seeded so a
// failure replays): a month's total stays in [0, 110] with the default rubric, more facts never lower
// a quota line, lateness never pays, and the funding parts always sum exactly to the pool.
import fc from 'fast-check';
import {
  DEFAULT_ITEMS,
  FACT_KINDS,
  allocateFunding,
  defaultRubric,
  largestRemainder,
  scoreOffice,
  type Adjustment,
  type FactKind,
  type OfficeScore,
  type ScorableFact,
  type ScoredOffice,
} from '@sifasuo/domain';

const RUNS = { numRuns: 300, seed: 20_261_202 };
const MONTH = '2026-10';
const RUBRIC = defaultRubric(2026);
const CUTOFF = new Date('2026-11-10T15:59:59.999Z');
const FROM = Date.parse('2026-09-25T00:00:00Z');
const TO = Date.parse('2026-11-15T00:00:00Z');

const instant = (min = FROM, max = TO) => fc.integer({ min, max }).map((t) => new Date(t).toISOString());
const office = fc.record<ScoredOffice>({
  id: fc.constant('0101'), name: fc.constant('城关司法所'), areaId: fc.constant('01'), officeClass: fc.constantFrom('central', 'regular'),
});
/** Facts mostly of the assessed month, on a few shared records so numerators meet denominators. */
const factOf = (kind: fc.Arbitrary<FactKind>) =>
  fc.record({
    kind,
    month: fc.constantFrom(MONTH, MONTH, MONTH, '2026-09'),
    occurredAt: instant(),
    dueAt: fc.option(instant(), { nil: undefined }),
    quantity: fc.option(fc.integer({ min: -3, max: 5 }), { nil: undefined }),
    record: fc.integer({ min: 1, max: 6 }),
    serial: fc.integer({ min: 1, max: 1_000_000 }),
  }).map(({ kind, month, occurredAt, dueAt, quantity, record, serial }): ScorableFact => ({
    id: `${kind}#${record}#${serial}`, kind, officeId: '0101', month, occurredAt, ref: { context: 'any', type: 'record', id: String(record) },
    ...(dueAt !== undefined ? { dueAt } : {}), ...(quantity !== undefined ? { quantity } : {}),
  }));
const facts = fc.array(factOf(fc.constantFrom(...FACT_KINDS)), { maxLength: 60 });
const adjustment = fc.record({
  kind: fc.constantFrom<Adjustment['kind']>('deduction', 'bonus'),
  item: fc.constantFrom(...DEFAULT_ITEMS.map((i) => i.id), 'X'),
  halfPoints: fc.integer({ min: 1, max: 40 }),
  status: fc.constantFrom<Adjustment['status']>('active', 'active', 'withdrawn'),
  serial: fc.nat(),
}).map(({ kind, item, halfPoints, status, serial }): Adjustment => ({
  id: `adj-${serial}`, month: MONTH, officeId: '0101', item: kind === 'bonus' ? 'X' : item, points: halfPoints / 2, reason: '事由', evidence: '依据',
  kind, status, by: 'u1', byName: '张三', at: '2026-11-05T02:00:00Z',
}));

const score = (o: ScoredOffice, f: readonly ScorableFact[], adjustments: readonly Adjustment[] = [], asOf = CUTOFF) =>
  scoreOffice({ rubric: RUBRIC, runId: `${MONTH}-v1`, month: MONTH, office: o, facts: f, adjustments, asOf });
const pointsOf = (s: OfficeScore) => Object.fromEntries(s.lines.map((l) => [l.item, l.points]));

describe('a month with the default rubric', () => {
  it('the total always lies in [0, 110]; every line within [0, its max]; the base at most 100', () => {
    fc.assert(
      fc.property(office, facts, fc.array(adjustment, { maxLength: 12 }), instant(), (o, f, adjustments, asOf) => {
        const s = score(o, f, adjustments, new Date(asOf));
        expect(s.total).toBeGreaterThanOrEqual(0);
        expect(s.total).toBeLessThanOrEqual(110);
        expect(s.base).toBeLessThanOrEqual(100);
        expect(s.bonus).toBeLessThanOrEqual(10);
        for (const line of s.lines) {
          expect(line.points).toBeGreaterThanOrEqual(0);
          expect(line.points).toBeLessThanOrEqual(line.max);
        }
      }),
      RUNS,
    );
  });

  it('adding facts never lowers a quota line', () => {
    const quotas = DEFAULT_ITEMS.filter((i) => i.rule.type === 'quota').map((i) => i.id);
    fc.assert(
      fc.property(office, facts, facts, (o, before, more) => {
        const was = pointsOf(score(o, before));
        const now = pointsOf(score(o, [...before, ...more]));
        for (const item of quotas) expect(now[item]).toBeGreaterThanOrEqual(was[item]!);
      }),
      RUNS,
    );
  });

  it('a late report never scores more than the same report on time (deadline items)', () => {
    const deadlineKinds = DEFAULT_ITEMS.flatMap((i) => (i.rule.type === 'deadline' ? [i.rule.kind] : []));
    fc.assert(
      fc.property(office, facts, factOf(fc.constantFrom(...deadlineKinds)), instant(FROM, CUTOFF.getTime()), instant(FROM, CUTOFF.getTime()), (o, others, report, t1, t2) => {
        const [earlier, later] = t1 <= t2 ? [t1, t2] : [t2, t1];
        const early = score(o, [...others, { ...report, month: MONTH, occurredAt: earlier }]);
        const late = score(o, [...others, { ...report, month: MONTH, occurredAt: later }]);
        const e = pointsOf(early);
        const l = pointsOf(late);
        for (const item of Object.keys(e)) expect(l[item]).toBeLessThanOrEqual(e[item]!);
        expect(late.total).toBeLessThanOrEqual(early.total);
      }),
      RUNS,
    );
  });

  it('a fact after its own due time never scores more than the same fact in time (on-time filtered items)', () => {
    const timedKinds = [...new Set(DEFAULT_ITEMS.flatMap((i) => {
      const r = i.rule;
      const filters = r.type === 'quota' ? r.count : r.type === 'rate' ? [r.numerator, r.denominator] : r.type === 'penalty' ? r.per.map((p) => p.count) : [];
      return filters.filter((x) => x.timing === 'on-time' || x.timing === 'late').map((x) => x.kind);
    }))];
    expect(timedKinds.length).toBeGreaterThanOrEqual(6);
    fc.assert(
      fc.property(office, facts, factOf(fc.constantFrom(...timedKinds)), instant(FROM, CUTOFF.getTime() - 1), fc.integer({ min: 1, max: 20 * 86_400_000 }), fc.integer({ min: 0, max: 20 * 86_400_000 }), (o, others, f, due, after, before) => {
        const dueAt = Date.parse(due);
        const lateAt = Math.min(CUTOFF.getTime(), dueAt + after);
        const inTime = { ...f, month: MONTH, dueAt: due, occurredAt: new Date(Math.max(FROM, dueAt - before)).toISOString() };
        const late = { ...f, month: MONTH, dueAt: due, occurredAt: new Date(lateAt).toISOString() };
        const a = score(o, [...others, inTime]);
        const b = score(o, [...others, late]);
        const pa = pointsOf(a);
        const pb = pointsOf(b);
        for (const item of Object.keys(pa)) expect(pb[item]).toBeLessThanOrEqual(pa[item]!);
        expect(b.total).toBeLessThanOrEqual(a.total);
      }),
      RUNS,
    );
  });
});

describe('the funding split', () => {
  const weights = fc.uniqueArray(
    fc.record({ id: fc.stringMatching(/^[0-9]{4}$/), weight: fc.oneof(fc.integer({ min: 0, max: 11_000 }).map((n) => n / 100), fc.constant(0), fc.double({ min: -5, max: 1e6, noNaN: true })) }),
    { selector: (w) => w.id, minLength: 1, maxLength: 60 },
  );

  it('the parts always sum exactly to the pool (when any weight is above 0), each within a fen of its exact share', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000_000 }), weights, (pool, w) => {
        const parts = largestRemainder(pool, w);
        const sum = [...parts.values()].reduce((s, v) => s + v, 0);
        // Weights count to the millionth (largestRemainder's contract).
        const units = (x: { weight: number }) => Math.max(0, Math.round(x.weight * 1e6));
        const positive = w.filter((x) => units(x) > 0);
        expect(sum).toBe(positive.length > 0 ? pool : 0);
        expect(parts.size).toBe(w.length);
        const totalUnits = positive.reduce((s, x) => s + units(x), 0);
        for (const x of w) {
          const part = parts.get(x.id)!;
          expect(Number.isInteger(part)).toBe(true);
          if (!positive.includes(x)) expect(part).toBe(0);
          else expect(Math.abs(part - (pool * units(x)) / totalUnits)).toBeLessThan(1.001);
        }
      }),
      RUNS,
    );
  });

  it('a pool allocation hands out exactly the pool whenever an office reaches the threshold', () => {
    const offices = Array.from({ length: 12 }, (_, i): ScoredOffice => ({ id: `01${String(i + 1).padStart(2, '0')}`, name: `所${i + 1}`, areaId: '01', officeClass: i % 3 === 0 ? 'central' : 'regular' }));
    const totals = fc.array(fc.integer({ min: 0, max: 11_000 }).map((n) => n / 100), { minLength: 12, maxLength: 12 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000_000 }), fc.array(totals, { minLength: 12, maxLength: 12 }), fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 12, maxLength: 12 }), (pool, byOffice, onSite) => {
        const monthly = Object.fromEntries(offices.map((o, i) => [o.id, Object.fromEntries(byOffice[i]!.map((t, m) => [`2026-${String(m + 1).padStart(2, '0')}`, t]))]));
        const annual = Object.fromEntries(offices.map((o, i) => [o.id, { onSite: onSite[i]! }]));
        const result = allocateFunding({ year: 2026, mode: 'pool', poolFen: pool, annual }, offices, monthly);
        const anyEligible = result.items.some((i) => i.eligible && i.composite > 0);
        expect(result.totalFen).toBe(anyEligible ? pool : 0);
        expect(result.items.filter((i) => !i.eligible).every((i) => i.amountFen === 0)).toBe(true);
      }),
      RUNS,
    );
  });
});

// The kit's pure parts: facts (stable ids, Shanghai months, the schema), scope-aware listing, bounded parallelism.
import { factIdOf, makeFact, scorableFact, type Actor, type Page } from '@sifasuo/domain';
import { forEachInParallel } from '../../functions/src/shared/parallel';
import { listInScope } from '../../functions/src/shared/scope';

describe('scorable facts', () => {
  const base = { kind: 'mediation.case.closed', officeId: '0101', ref: { context: 'mediation', type: 'case', id: 'C1' } } as const;

  it('have an id derived from their kind and source record, so a re-emission carries the same id', () => {
    const a = makeFact({ ...base, occurredAt: '2026-11-02T10:00:00+08:00', quantity: 1 });
    const b = makeFact({ ...base, occurredAt: '2026-11-05T10:00:00+08:00', quantity: 0 });
    expect(a.id).toBe(factIdOf('mediation.case.closed', base.ref));
    expect(b.id).toBe(a.id);
  });

  it('count in the Asia/Shanghai month they occurred in', () => {
    expect(makeFact({ ...base, occurredAt: '2026-10-31T16:30:00Z' }).month).toBe('2026-11');
    expect(makeFact({ ...base, occurredAt: '2026-10-31T15:59:59Z' }).month).toBe('2026-10');
  });

  it('refuse an undeclared kind, a bad office or month, and unknown fields', () => {
    const good = makeFact({ ...base, occurredAt: '2026-11-02T10:00:00+08:00' });
    for (const bad of [{ ...good, kind: 'mediation.nope' }, { ...good, officeId: '1' }, { ...good, month: '2026-13' }, { ...good, extra: 1 }]) {
      expect(scorableFact.safeParse(bad).success).toBe(false);
    }
  });
});

describe('listInScope', () => {
  type Rec = { id: string; officeId: string; areaId: string };
  const recs: Rec[] = [
    { id: 'a', officeId: '0101', areaId: '01' },
    { id: 'b', officeId: '0102', areaId: '01' },
    { id: 'c', officeId: '0201', areaId: '02' },
  ];
  const page = (items: Rec[]): Page<Rec> => ({ items });
  const calls: string[] = [];
  const queries = {
    all: async () => (calls.push('all'), page(recs)),
    byArea: async (areaId: string) => (calls.push(`area:${areaId}`), page(recs.filter((r) => r.areaId === areaId))),
    // A careless query that returns everything: the item check must still hold the line.
    byOffice: async (officeId: string) => (calls.push(`office:${officeId}`), page(recs)),
  };
  const actor = (roles: Actor['roles'], officeId?: string, areaId?: string): Actor => ({ username: 'u', displayName: 'u', roles, officeId, areaId });
  const ids = async (a: Actor, filter = {}) => (await listInScope(a, filter, queries, (r) => r)).items.map((r) => r.id);

  it('asks the widest query the scope allows, and checks every item again', async () => {
    expect(await ids(actor(['bureau_leader']))).toEqual(['a', 'b', 'c']);
    expect(await ids(actor(['bureau_leader']), { areaId: '02' })).toEqual(['c']);
    expect(await ids(actor(['area_director'], '0101', '01'))).toEqual(['a', 'b']);
    expect(await ids(actor(['office_staff'], '0102', '01'))).toEqual(['b']);
    expect(calls).toEqual(['all', 'area:02', 'area:01', 'office:0102']);
  });

  it('refuses a filter outside the scope, and callers without one', async () => {
    await expect(ids(actor(['area_director'], '0101', '01'), { areaId: '02' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(ids(actor(['office_staff'], '0102', '01'), { officeId: '0101' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(ids(actor(['auditor']))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('audit targets fit their key', () => {
  it('keeps a short id whole, and a long one as its start and a hash of the whole (issue 6 §4)', async () => {
    const { fitAuditTarget, AUDIT_TARGET_MAX_BYTES } = await import('../../functions/src/shared/audit-writer');
    expect(fitAuditTarget('0101')).toBe('0101');
    const long = 'K'.repeat(2035);
    const fitted = fitAuditTarget(long);
    expect(Buffer.byteLength(fitted)).toBeLessThanOrEqual(AUDIT_TARGET_MAX_BYTES);
    expect(fitted).toMatch(/^K{64}…#[0-9a-f]{16}$/);
    expect(fitAuditTarget(`${long}L`)).not.toBe(fitted);
    expect(Buffer.byteLength(fitAuditTarget('长'.repeat(3000)))).toBeLessThanOrEqual(AUDIT_TARGET_MAX_BYTES);
  });
});

describe('bounded parallelism', () => {
  const tick = () => new Promise((r) => setTimeout(r, 1));

  it('keeps at most `limit` calls in flight and calls every item once', async () => {
    let inFlight = 0;
    let most = 0;
    const seen: number[] = [];
    await forEachInParallel(Array.from({ length: 23 }, (_, i) => i), 4, async (i) => {
      most = Math.max(most, ++inFlight);
      await tick();
      seen.push(i);
      inFlight--;
    });
    expect(most).toBe(4);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 23 }, (_, i) => i));
  });

  it('starts nothing after a failure and rejects only once the calls in flight have ended', async () => {
    const started: number[] = [];
    const ended: number[] = [];
    const run = forEachInParallel(Array.from({ length: 20 }, (_, i) => i), 3, async (i) => {
      started.push(i);
      await tick();
      if (i === 1) throw new Error('failed: 1');
      await tick();
      ended.push(i);
    });
    await expect(run).rejects.toThrow('failed: 1');
    // 0 and 2 were in flight beside 1 and ended; 3 and later never started.
    expect(started).toEqual([0, 1, 2]);
    expect(ended.sort()).toEqual([0, 2]);
  });
});

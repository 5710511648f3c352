import { createHash } from 'node:crypto';
import {
  canonicalJson, digestDay, GENESIS_HASH, shanghaiDay, shanghaiDaysBetween, shanghaiNextDay, shanghaiPreviousDay, type AuditRecord,
} from '@sifasuo/domain';

const sha256 = (t: string) => createHash('sha256').update(t).digest('hex');
const rec = (id: string, after: unknown): AuditRecord => ({
  id, at: '2026-11-25T02:00:00.000Z', actor: 'admin', roles: ['county_admin'], action: 'org.staff.update',
  targetType: 'staff', targetId: 's1', outcome: 'success', after,
});

describe('audit digest', () => {
  const now = new Date('2026-11-26T01:10:00+08:00');

  it('is stable under key order and changes when any record changes', () => {
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe('{"a":[1,{"c":3,"d":2}],"b":1}');
    const records = [rec('1', { phone: '13900000000' }), rec('2', { phone: '13900000001' })];
    const d = digestDay('2026-11-25', records, GENESIS_HASH, sha256, now);
    expect(digestDay('2026-11-25', records, GENESIS_HASH, sha256, now).chainHash).toBe(d.chainHash);
    const tampered = [records[0]!, rec('2', { phone: '13900000009' })];
    expect(digestDay('2026-11-25', tampered, GENESIS_HASH, sha256, now).chainHash).not.toBe(d.chainHash);
    expect(digestDay('2026-11-25', records.slice(0, 1), GENESIS_HASH, sha256, now).chainHash).not.toBe(d.chainHash);
  });

  it('uses Shanghai days', () => {
    expect(shanghaiDay(new Date('2026-11-25T16:30:00Z'))).toBe('2026-11-26');
    expect(shanghaiDaysBetween(new Date('2026-11-24T16:00:00Z'), new Date('2026-11-26T15:59:59Z'))).toEqual(['2026-11-25', '2026-11-26']);
  });
});

describe('Shanghai day arithmetic', () => {
  it('steps across month and year ends', () => {
    expect(shanghaiNextDay('2026-12-31')).toBe('2027-01-01');
    expect(shanghaiPreviousDay('2026-03-01')).toBe('2026-02-28');
    expect(shanghaiPreviousDay('2028-03-01')).toBe('2028-02-29');
  });
});

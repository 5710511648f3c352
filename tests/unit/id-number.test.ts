import fc from 'fast-check';
import { idNumberCheckChar, maskIdNumber, parseIdNumber } from '@sifasuo/domain';

describe('GB 11643 ID numbers', () => {
  it('accepts a published example and derives birth date and sex', () => {
    // The standard's own worked example.
    expect(parseIdNumber('11010519491231002X')).toEqual({ ok: true, facts: { birthDate: '1949-12-31', sex: 'female' } });
    expect(parseIdNumber('11010519491231002x').ok).toBe(true);
  });

  it('names the problem of a bad number', () => {
    expect(parseIdNumber('110105194912310021')).toEqual({ ok: false, problem: 'checkDigit' });
    expect(parseIdNumber('110105194902300026')).toEqual({ ok: false, problem: 'birthDate' });
    expect(parseIdNumber('11010519491231002')).toEqual({ ok: false, problem: 'format' });
    expect(parseIdNumber('01010519491231002X')).toEqual({ ok: false, problem: 'format' });
  });

  it('accepts every number whose check character is computed, and rejects every other check character', () => {
    const body = fc
      .tuple(
        fc.integer({ min: 110000, max: 659999 }),
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
      )
      .map(([region, date, seq]) => `${region}${date.toISOString().slice(0, 10).replaceAll('-', '')}${String(seq).padStart(3, '0')}`);
    fc.assert(
      fc.property(body, fc.constantFrom(...'0123456789X'), (first17, other) => {
        const check = idNumberCheckChar(first17);
        expect(parseIdNumber(first17 + check).ok).toBe(true);
        if (other !== check) expect(parseIdNumber(first17 + other)).toEqual({ ok: false, problem: 'checkDigit' });
      }),
    );
  });

  it('masks all but region and the last four', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
});

// The second factor's arithmetic against the RFCs' own test vectors, and the stored password-hash form.
import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import {
  base32Decode, base32Encode, formatPasswordHash, hotp, matchTotp, needsRehash, otpauthUri, parsePasswordHash, recoveryCode, totp,
  type HmacSha1,
} from '@sifasuo/domain';

const hmac: HmacSha1 = (key, message) => new Uint8Array(createHmac('sha1', key).update(message).digest());
const RFC_SECRET = new TextEncoder().encode('12345678901234567890');

describe('one-time passwords', () => {
  it('HOTP matches RFC 4226 appendix D', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(expected.map((_, i) => hotp(RFC_SECRET, i, hmac))).toEqual(expected);
  });

  it('TOTP matches RFC 6238 appendix B (SHA-1, 8 digits)', () => {
    const vectors: Array<[number, string]> = [
      [59, '94287082'], [1111111109, '07081804'], [1111111111, '14050471'], [1234567890, '89005924'], [2000000000, '69279037'],
    ];
    for (const [t, code] of vectors) expect(totp(RFC_SECRET, new Date(t * 1000), hmac, 8)).toBe(code);
  });

  it('accepts the neighbouring steps, never a code used before, nothing that is not six digits', () => {
    const now = new Date('2026-12-02T08:00:10Z');
    const code = totp(RFC_SECRET, now, hmac);
    const step = matchTotp(RFC_SECRET, code, now, hmac)!;
    expect(step).toBeDefined();
    expect(matchTotp(RFC_SECRET, code, new Date(now.getTime() + 30_000), hmac)).toBe(step);
    expect(matchTotp(RFC_SECRET, code, new Date(now.getTime() + 90_000), hmac)).toBeUndefined();
    expect(matchTotp(RFC_SECRET, code, now, hmac, step)).toBeUndefined();
    for (const bad of ['', '12345', '1234567', 'abcdef', ' 12345']) expect(matchTotp(RFC_SECRET, bad, now, hmac)).toBeUndefined();
  });

  it('base32 round-trips any secret, as authenticator apps read it', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
      expect([...base32Decode(base32Encode(bytes))!]).toEqual([...bytes]);
    }));
    expect(base32Encode(new TextEncoder().encode('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('not base32!')).toBeUndefined();
    expect(otpauthUri('admin', RFC_SECRET)).toBe(
      'otpauth://totp/%E5%8F%B8%E6%B3%95%E6%89%80%E5%B7%A5%E4%BD%9C%E7%AE%A1%E7%90%86%E7%B3%BB%E7%BB%9F%3Aadmin?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=%E5%8F%B8%E6%B3%95%E6%89%80%E5%B7%A5%E4%BD%9C%E7%AE%A1%E7%90%86%E7%B3%BB%E7%BB%9F&algorithm=SHA1&digits=6&period=30',
    );
  });

  it('recovery codes read unambiguously', () => {
    for (let i = 0; i < 50; i++) expect(recoveryCode(randomBytes(8))).toMatch(/^[2-9a-hjkmnp-z]{4}-[2-9a-hjkmnp-z]{4}$/);
  });
});

describe('stored password hashes', () => {
  it('carry their parameters, parse back, and ask for a re-hash when weaker than today', () => {
    const stored = formatPasswordHash({ algorithm: 'scrypt', N: 2 ** 14, r: 8, p: 1, salt: 'c2FsdA', hash: 'aGFzaA' });
    expect(stored).toBe('scrypt$16384$8$1$c2FsdA$aGFzaA');
    const parsed = parsePasswordHash(stored)!;
    expect(parsed).toMatchObject({ N: 16384, r: 8, p: 1 });
    expect(needsRehash(parsed)).toBe(true);
    expect(needsRehash({ ...parsed, N: 2 ** 15 })).toBe(false);
    for (const bad of ['', 'bcrypt$1$2$3$a$b', 'scrypt$1000$8$1$a$b', 'scrypt$16384$0$1$a$b', 'scrypt$16384$8$1$a']) {
      expect(parsePasswordHash(bad)).toBeUndefined();
    }
  });
});

// The auth context's password hashing, with real scrypt: salts differ, parameters travel with the hash,
// weaker stored parameters ask for a re-hash, and an unknown user is checked against a dummy of
// today's parameters. (How long each takes is a matter for the bench, not for a timed test.)
import { formatPasswordHash, parsePasswordHash } from '@sifasuo/domain';
import { dummyHash, hashPassword, verifyDummy, verifyPassword } from '../../functions/src/auth/passwords';

jest.setTimeout(30_000); // scrypt at N=2^15 is deliberately slow, a few hashes per test

describe('passwords', () => {
  it('verify the right password only, with a fresh salt every time', async () => {
    const a = await hashPassword('Sifasuo@2026');
    const b = await hashPassword('Sifasuo@2026');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword(a, 'Sifasuo@2026')).toEqual({ ok: true, rehash: false });
    expect(await verifyPassword(a, 'Sifasuo@2027')).toEqual({ ok: false, rehash: false });
    expect(await verifyPassword(a, '')).toEqual({ ok: false, rehash: false });
  });

  it('treat Unicode the same however it was typed (NFC)', async () => {
    const stored = await hashPassword('密码Café#2026');
    expect((await verifyPassword(stored, '密码Cafe\u0301#2026')).ok).toBe(true);
  });

  it('still verify hashes made with older, weaker parameters, and ask for a re-hash', async () => {
    const current = parsePasswordHash(await hashPassword('Old#Password1'))!;
    // The same password hashed at N=2^14, as an earlier release would have stored it.
    const { scryptSync } = await import('node:crypto');
    const salt = Buffer.from(current.salt, 'base64url');
    const weak = formatPasswordHash({
      algorithm: 'scrypt', N: 2 ** 14, r: 8, p: 1, salt: current.salt,
      hash: scryptSync('Old#Password1', salt, 32, { N: 2 ** 14, r: 8, p: 1 }).toString('base64url'),
    });
    expect(await verifyPassword(weak, 'Old#Password1')).toEqual({ ok: true, rehash: true });
    expect(await verifyPassword(weak, 'Old#Password2')).toEqual({ ok: false, rehash: false });
  });

  it('never match a malformed stored value', async () => {
    for (const bad of ['plain-text-password', '', 'scrypt$1$1$1$a$b']) {
      expect(await verifyPassword(bad, 'plain-text-password')).toEqual({ ok: false, rehash: false });
    }
  });

  it('an unknown user is checked against a dummy hash of today\'s parameters (the same work as a wrong password)', async () => {
    const dummy = parsePasswordHash(await dummyHash())!;
    const real = parsePasswordHash(await hashPassword('Known#User123'))!;
    expect({ N: dummy.N, r: dummy.r, p: dummy.p, bytes: Buffer.from(dummy.hash, 'base64url').length })
      .toEqual({ N: real.N, r: real.r, p: real.p, bytes: Buffer.from(real.hash, 'base64url').length });
    await expect(verifyDummy('anything')).resolves.toBeUndefined();
  });
});

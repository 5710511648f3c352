// Password hashing for the auth context's own credentials (issue 11 §1): scrypt from node:crypto with
// a per-user salt, the parameters stored with the hash (packages/domain/src/auth.ts), and a dummy
// verification for unknown users so that they cost the same time as a wrong password.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { formatPasswordHash, needsRehash, parsePasswordHash, PASSWORD_HASH_PARAMS, type PasswordHash } from '@sifasuo/domain';

const derive = (password: string, salt: Buffer, h: Pick<PasswordHash, 'N' | 'r' | 'p'>, keyLength: number) =>
  new Promise<Buffer>((resolve, reject) => {
    // maxmem: scrypt needs 128·N·r bytes; allow twice that so raised parameters still run.
    const options: ScryptOptions = { N: h.N, r: h.r, p: h.p, maxmem: 256 * h.N * h.r + 1024 * 1024 };
    scrypt(password.normalize('NFC'), salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key)));
  });

/** A new stored hash of `password` with today's parameters and a fresh salt. */
export const hashPassword = async (password: string): Promise<string> => {
  const { N, r, p, keyLength, saltLength } = PASSWORD_HASH_PARAMS;
  const salt = randomBytes(saltLength);
  const key = await derive(password, salt, { N, r, p }, keyLength);
  return formatPasswordHash({ algorithm: 'scrypt', N, r, p, salt: salt.toString('base64url'), hash: key.toString('base64url') });
};

export interface Verified {
  ok: boolean;
  /** The stored hash used weaker parameters than today's: store `hashPassword(password)` now. */
  rehash: boolean;
}

/** Checks `password` against a stored hash in constant time; a malformed stored value never matches. */
export const verifyPassword = async (stored: string, password: string): Promise<Verified> => {
  const h = parsePasswordHash(stored);
  if (!h) {
    await verifyDummy(password);
    return { ok: false, rehash: false };
  }
  const expected = Buffer.from(h.hash, 'base64url');
  const actual = await derive(password, Buffer.from(h.salt, 'base64url'), h, expected.length);
  const ok = actual.length === expected.length && timingSafeEqual(actual, expected);
  return { ok, rehash: ok && needsRehash(h) };
};

/** Made once per container with today's parameters: what an unknown username is checked against. */
let dummy: Promise<string> | undefined;
export const dummyHash = () => (dummy ??= hashPassword('unknown-user-dummy-password'));

/** The work an unknown username costs: the same derivation as a wrong password, so it answers as slowly. */
export const verifyDummy = async (password: string): Promise<void> => {
  const h = parsePasswordHash(await dummyHash())!;
  await derive(password, Buffer.from(h.salt, 'base64url'), h, Buffer.from(h.hash, 'base64url').length);
};

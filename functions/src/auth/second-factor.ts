// The TOTP second factor (RFC 6238, packages/domain/src/totp.ts) with node's HMAC, and recovery codes.
import { createHmac, randomBytes } from 'node:crypto';
import {
  base32Decode,
  base32Encode,
  matchTotp,
  normaliseRecoveryCode,
  otpauthUri,
  RECOVERY_CODE_COUNT,
  recoveryCode,
  type HmacSha1,
  type TotpEnrolment,
} from '@sifasuo/domain';
import { authStore, sha256, type Credential } from './store';

const hmacSha1: HmacSha1 = (key, message) => createHmac('sha1', key).update(message).digest();

/** A new 160-bit secret (RFC 4226's recommended length), as the user's authenticator will hold it. */
export const newEnrolment = (username: string): TotpEnrolment => {
  const secret = randomBytes(20);
  return { secret: base32Encode(secret), otpauthUri: otpauthUri(username, secret) };
};

/** Does `code` match `secret` now (and was its step not used before)? Marks the step used. */
export const acceptTotp = async (username: string, secret: string, code: string, now: Date, lastStep?: number): Promise<boolean> => {
  const key = base32Decode(secret);
  if (!key) return false;
  const step = matchTotp(key, code, now, hmacSha1, lastStep ?? -1);
  return step !== undefined && (await authStore.useTotpStep(username, step));
};

/** A six-digit code, or one of the account's unused recovery codes (used up by this call). */
export const acceptSecondFactor = async (cred: Credential, code: string, now: Date): Promise<'totp' | 'recovery' | undefined> => {
  if (!cred.totpSecret) return undefined;
  if (/^\d+$/.test(code)) return (await acceptTotp(cred.username, cred.totpSecret, code, now, cred.totpLastStep)) ? 'totp' : undefined;
  const hash = sha256(normaliseRecoveryCode(code).replace('-', ''));
  return (await authStore.useRecoveryCode(cred.username, cred, hash)) ? 'recovery' : undefined;
};

/** Ten fresh recovery codes to show once, and the hashes to keep. */
export const newRecoveryCodes = () => {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => recoveryCode(randomBytes(8)));
  return { codes, hashes: codes.map((c) => sha256(normaliseRecoveryCode(c).replace('-', ''))) };
};

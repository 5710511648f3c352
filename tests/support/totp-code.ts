// An authenticator app for tests: the code a phone would show for a second-factor secret.
import { createHmac } from 'node:crypto';
import { base32Decode, hotp, TOTP_STEP_SECONDS, type HmacSha1 } from '@sifasuo/domain';

const hmacSha1: HmacSha1 = (key, message) => createHmac('sha1', key).update(message).digest();
/** The last time step each secret's code was made for: the server refuses a step used before. */
const usedSteps = new Map<string, number>();

/**
 * The authenticator's code for a base32 `secret` (spaces ignored), as a phone would show it — for a
 * step not used before by this test run (the server accepts the neighbouring steps, and refuses a
 * replayed one), waiting for the next step when both are spent.
 */
export const totpCode = async (secret: string): Promise<string> => {
  const key = base32Decode(secret);
  if (!key?.length) throw new Error(`totpCode: not a base32 secret: ${secret}`);
  const id = secret.replace(/\s/g, '').toUpperCase();
  for (;;) {
    const current = Math.floor(Date.now() / 1000 / TOTP_STEP_SECONDS);
    const step = Math.max(current, (usedSteps.get(id) ?? -1) + 1);
    if (step <= current + 1) {
      usedSteps.set(id, step);
      return hotp(key, step, hmacSha1);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
};

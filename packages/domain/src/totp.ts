// Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP), the second factor privileged users
// must use (docs/domain.md, Security duties: GB/T 22239-2019 level 3). Pure: the HMAC is injected
// (node:crypto in the functions, WebCrypto in a browser), so the domain needs no crypto import and
// tests run the RFC's own vectors.

/** HMAC-SHA1 of `message` under `key`, as the RFC uses it. */
export type HmacSha1 = (key: Uint8Array, message: Uint8Array) => Uint8Array;

export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Codes of the neighbouring steps are accepted too (clock drift of an office PC or a phone). */
export const TOTP_WINDOW = 1;
export const TOTP_ISSUER = '司法所工作管理系统';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding: how authenticator apps take a secret. */
export const base32Encode = (bytes: Uint8Array): string => {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
};

/** Decodes base32 (case and spaces ignored); undefined for anything that is not base32. */
export const base32Decode = (text: string): Uint8Array | undefined => {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const i = BASE32.indexOf(ch);
    if (i < 0) return undefined;
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
};

/** RFC 4226 HOTP: dynamic truncation of the HMAC of the 8-byte counter. */
export const hotp = (secret: Uint8Array, counter: number, hmac: HmacSha1, digits = TOTP_DIGITS): string => {
  const message = new Uint8Array(8);
  let c = counter;
  for (let i = 7; i >= 0; i--) {
    message[i] = c & 255;
    c = Math.floor(c / 256);
  }
  const mac = hmac(secret, message);
  const offset = mac[mac.length - 1]! & 15;
  const binary = ((mac[offset]! & 127) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 10 ** digits).padStart(digits, '0');
};

/** The time step an instant falls in. */
export const totpStep = (at: Date, step = TOTP_STEP_SECONDS) => Math.floor(at.getTime() / 1000 / step);

export const totp = (secret: Uint8Array, at: Date, hmac: HmacSha1, digits = TOTP_DIGITS) => hotp(secret, totpStep(at), hmac, digits);

/**
 * The step a code matches within the window around `now`, or undefined. A step at or before
 * `lastUsedStep` never matches: a code, once used, cannot be replayed.
 */
export const matchTotp = (
  secret: Uint8Array,
  code: string,
  now: Date,
  hmac: HmacSha1,
  lastUsedStep = -1,
): number | undefined => {
  if (code.length !== TOTP_DIGITS || !/^\d+$/.test(code)) return undefined;
  const current = totpStep(now);
  for (let s = current - TOTP_WINDOW; s <= current + TOTP_WINDOW; s++) {
    if (s > lastUsedStep && hotp(secret, s, hmac) === code) return s;
  }
  return undefined;
};

/** What the enrolment QR code holds (Key Uri Format of authenticator apps). */
export const otpauthUri = (username: string, secret: Uint8Array) =>
  `otpauth://totp/${encodeURIComponent(`${TOTP_ISSUER}:${username}`)}?secret=${base32Encode(secret)}` +
  `&issuer=${encodeURIComponent(TOTP_ISSUER)}&algorithm=SHA1&digits=${TOTP_DIGITS}&period=${TOTP_STEP_SECONDS}`;

/** Recovery codes: 10 groups of `xxxx-xxxx` from an unambiguous alphabet, each usable once. */
export const RECOVERY_CODE_COUNT = 10;
const RECOVERY_ALPHABET = '23456789abcdefghjkmnpqrstuvwxyz';
export const recoveryCode = (random: Uint8Array): string => {
  const chars = [...random.slice(0, 8)].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}`;
};
export const normaliseRecoveryCode = (input: string) => input.trim().toLowerCase().replace(/\s/g, '');

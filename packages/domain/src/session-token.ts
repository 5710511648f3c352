// Session access tokens: compact JWS (ES256) carrying only who and which session (issue 11 §1). The
// pure parts live here — encoding, parsing, claim checks, and turning the DER signature KMS returns
// into the raw r‖s form JWS wants; signing and verifying with keys is the auth context's.
import { ACCESS_TOKEN_MINUTES } from './auth';

export interface AccessClaims {
  iss: string;
  /** The username. */
  sub: string;
  /** The session id. */
  sid: string;
  iat: number;
  exp: number;
}

export const TOKEN_ALGORITHM = 'ES256';

/** A public key of the JWKS (RFC 7517) that verifies our tokens. */
export interface PublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  kid: string;
  alg: typeof TOKEN_ALGORITHM;
  use: 'sig';
}
/** Every stage signs as its own issuer, so a token of one environment is refused by another. */
export const tokenIssuer = (stage: string) => `sifasuo-${stage}`;

// Portable base64url (no Buffer: the domain also runs in the browser).
const b64url = (data: string | Uint8Array) => {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};
const fromB64url = (s: string): Uint8Array => {
  const binary = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
};
const utf8 = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

export const accessClaims = (issuer: string, username: string, sessionId: string, now: Date): AccessClaims => {
  const iat = Math.floor(now.getTime() / 1000);
  return { iss: issuer, sub: username, sid: sessionId, iat, exp: iat + ACCESS_TOKEN_MINUTES * 60 };
};

/** `header.payload`, the bytes the signature covers. */
export const signingInput = (kid: string, claims: AccessClaims) =>
  `${b64url(JSON.stringify({ alg: TOKEN_ALGORITHM, typ: 'JWT', kid }))}.${b64url(JSON.stringify(claims))}`;

export const compactToken = (input: string, rawSignature: Uint8Array) => `${input}.${b64url(rawSignature)}`;

export interface ParsedToken {
  kid: string;
  claims: AccessClaims;
  signingInput: string;
  signature: Uint8Array;
}

/** Splits and decodes a compact token; `undefined` for anything malformed or not ES256 of ours. */
export const parseToken = (token: string): ParsedToken | undefined => {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]+$/.test(p))) return undefined;
  try {
    const header = JSON.parse(utf8(fromB64url(parts[0]!))) as Record<string, unknown>;
    const claims = JSON.parse(utf8(fromB64url(parts[1]!))) as Record<string, unknown>;
    if (header.alg !== TOKEN_ALGORITHM || typeof header.kid !== 'string') return undefined;
    const ok = ['iss', 'sub', 'sid'].every((k) => typeof claims[k] === 'string' && claims[k]) &&
      ['iat', 'exp'].every((k) => Number.isInteger(claims[k]));
    if (!ok) return undefined;
    const signature = fromB64url(parts[2]!);
    if (signature.length !== 64) return undefined;
    return { kid: header.kid, claims: claims as unknown as AccessClaims, signingInput: `${parts[0]}.${parts[1]}`, signature };
  } catch {
    return undefined;
  }
};

/** Why verified claims are not accepted now, or `undefined`; a minute of clock skew is allowed at issue. */
export const claimsProblem = (c: AccessClaims, issuer: string, now: Date): string | undefined => {
  const t = now.getTime() / 1000;
  if (c.iss !== issuer) return '登录令牌不属于本系统';
  if (c.exp <= t) return '登录令牌已过期';
  if (c.iat > t + 60 || c.exp - c.iat > ACCESS_TOKEN_MINUTES * 60) return '登录令牌无效';
  return undefined;
};

/** KMS signs ECDSA as DER `SEQUENCE { INTEGER r, INTEGER s }`; JWS ES256 wants r and s as 32 bytes each. */
export const derToRawEcdsa = (der: Uint8Array, size = 32): Uint8Array => {
  const bad = () => new Error('not a DER ECDSA signature');
  let i = 0;
  if (der[i++] !== 0x30) throw bad();
  let len = der[i++]!;
  if (len & 0x80) i += len & 0x7f;
  const out = new Uint8Array(size * 2);
  for (let n = 0; n < 2; n++) {
    if (der[i++] !== 0x02) throw bad();
    len = der[i++]!;
    let int = der.subarray(i, i + len);
    i += len;
    while (int.length > size && int[0] === 0) int = int.subarray(1);
    if (int.length > size) throw bad();
    out.set(int, n * size + (size - int.length));
  }
  return out;
};

// Access-token format and session rules (packages/domain/src/session-token.ts, auth.ts), checked
// with real ECDSA keys from node:crypto: what KMS returns (DER) must become what JWS wants (r‖s).
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import {
  accessClaims,
  ACCESS_TOKEN_MINUTES,
  claimsProblem,
  compactToken,
  derToRawEcdsa,
  parseToken,
  sessionEndedReason,
  sessionEndingChange,
  signingInput,
  totpRequiredFor,
} from '@sifasuo/domain';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const now = new Date('2026-12-02T08:00:00Z');

describe('access tokens', () => {
  const claims = accessClaims('sifasuo-test', 'admin', 'sess-1', now);
  const input = signingInput('kid-1', claims);

  it('carries only who, which session and when', () => {
    expect(claims).toEqual({ iss: 'sifasuo-test', sub: 'admin', sid: 'sess-1', iat: now.getTime() / 1000, exp: now.getTime() / 1000 + ACCESS_TOKEN_MINUTES * 60 });
  });

  it('turns a DER ECDSA signature (as KMS signs) into the r‖s form that verifies as ES256', () => {
    for (let i = 0; i < 50; i++) {
      const der = sign('sha256', Buffer.from(`${input}${i}`), privateKey);
      const raw = derToRawEcdsa(der);
      expect(raw).toHaveLength(64);
      expect(verify('sha256', Buffer.from(`${input}${i}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, raw)).toBe(true);
    }
    expect(() => derToRawEcdsa(Uint8Array.from([1, 2, 3]))).toThrow();
  });

  it('parses what it builds, and nothing malformed', () => {
    const raw = sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' });
    const token = compactToken(input, raw);
    const parsed = parseToken(token)!;
    expect(parsed.kid).toBe('kid-1');
    expect(parsed.claims).toEqual(claims);
    expect(verify('sha256', Buffer.from(parsed.signingInput), { key: publicKey, dsaEncoding: 'ieee-p1363' }, parsed.signature)).toBe(true);
    const [h, p, s] = token.split('.');
    const noneAlg = Buffer.from(JSON.stringify({ alg: 'none', kid: 'kid-1' })).toString('base64url');
    for (const bad of ['', 'a.b', `${h}.${p}`, `${h}.${p}.${s}.x`, `${noneAlg}.${p}.${s}`, `${h}.${p}.${s!.slice(2)}`, `${h}.e30.${s}`, `${h}.${p}.${s}=`]) {
      expect(parseToken(bad)).toBeUndefined();
    }
  });

  it('refuses another issuer, an expired token, and one issued in the future', () => {
    expect(claimsProblem(claims, 'sifasuo-test', now)).toBeUndefined();
    expect(claimsProblem(claims, 'sifasuo-prod', now)).toBe('登录令牌不属于本系统');
    expect(claimsProblem(claims, 'sifasuo-test', new Date(claims.exp * 1000))).toBe('登录令牌已过期');
    expect(claimsProblem(claims, 'sifasuo-test', new Date(now.getTime() - 120_000))).toBe('登录令牌无效');
    expect(claimsProblem({ ...claims, exp: claims.iat + 86_400 }, 'sifasuo-test', now)).toBe('登录令牌无效');
  });
});

describe('sessions', () => {
  const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
  const session = { createdAt: now.toISOString(), lastUsedAt: now.toISOString(), expiresAt: at(12 * 60).toISOString() };

  it('end after 30 idle minutes, after 12 hours however active, or when ended', () => {
    expect(sessionEndedReason(session, at(29))).toBeUndefined();
    expect(sessionEndedReason(session, at(30))).toMatch(/30分钟未操作/);
    expect(sessionEndedReason({ ...session, lastUsedAt: at(12 * 60 - 1).toISOString() }, at(12 * 60))).toMatch(/12小时/);
    expect(sessionEndedReason({ ...session, endedAt: at(1).toISOString(), endReason: '已被管理员强制下线' }, at(2))).toBe('已被管理员强制下线');
  });

  it('end when a user is disabled, or their roles or unit change — not for a new phone number', () => {
    const user = { roles: ['office_staff'] as const, enabled: true, officeId: '0101' };
    const u = { ...user, roles: [...user.roles] };
    expect(sessionEndingChange(u, { ...u, enabled: false })).toBe('账号已停用');
    expect(sessionEndingChange(u, { ...u, roles: ['office_staff', 'area_director'] })).toBe('角色已变更');
    expect(sessionEndingChange(u, { ...u, officeId: '0102' })).toBe('所属单位已变更');
    expect(sessionEndingChange(u, { ...u, roles: ['office_staff'] })).toBeUndefined();
    expect(sessionEndingChange({ ...u, enabled: false }, { ...u, enabled: true })).toBeUndefined();
  });

  it('require a second factor of privileged roles only when the county says so', () => {
    const on = { totpRequiredForPrivileged: true };
    const off = { totpRequiredForPrivileged: false };
    for (const role of ['county_admin', 'auditor', 'bureau_leader'] as const) {
      expect(totpRequiredFor([role], on)).toBe(true);
      expect(totpRequiredFor([role], off)).toBe(false);
    }
    expect(totpRequiredFor(['office_staff', 'area_director', 'department', 'inspector'], on)).toBe(false);
  });
});

// Access tokens: issued at sign-in and refresh, checked by the authorizer. They carry who and which
// session only; roles, unit and status come from the user record at each (cached ≤ 30 s) check.
import { accessClaims, claimsProblem, compactToken, parseToken, signingInput, tokenIssuer, type AccessClaims } from '@sifasuo/domain';
import { ENV } from '@sifasuo/wiring/src/types';
import { tokenSigner, verifySignature } from './signer';

const issuer = () => tokenIssuer(process.env[ENV.stage] ?? 'local');

export const issueAccessToken = async (username: string, sessionId: string, now: Date) => {
  const signer = await tokenSigner();
  const claims = accessClaims(issuer(), username, sessionId, now);
  const input = signingInput(signer.kid, claims);
  return { token: compactToken(input, await signer.sign(input)), expiresIn: claims.exp - claims.iat };
};

/** The claims of a token we signed that is valid now, or why not (in Chinese). */
export const verifyAccessToken = async (token: string, now: Date): Promise<{ claims: AccessClaims } | { problem: string }> => {
  const parsed = parseToken(token);
  if (!parsed) return { problem: '登录令牌无效' };
  const signer = await tokenSigner();
  if (parsed.kid !== signer.kid || !verifySignature(signer.publicKey, parsed.signingInput, parsed.signature)) {
    return { problem: '登录令牌无效' };
  }
  const problem = claimsProblem(parsed.claims, issuer(), now);
  return problem ? { problem } : { claims: parsed.claims };
};

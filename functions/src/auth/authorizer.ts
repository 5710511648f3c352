// The session authorizer (HTTP API Lambda authorizer, simple responses; API Gateway — and the local
// gateway — reuse an answer for the same token for 30 s). It checks the token's signature and expiry,
// that its session is live (not ended, idle or past 12 h), and reads the user record for what the
// API may act on: status, roles and unit as they are now, not as they were at sign-in.
//
// It never answers "not authorized": a token that fails any check still passes, marked `refused`
// with the reason, and the API adapter answers 401 with that reason in Chinese — so an expired token
// gets the same clear 401 as a revoked one (the portal then refreshes), instead of API Gateway's bare
// 403. A request without a token never reaches it (API Gateway answers 401 itself).
import { sessionEndedReason, type AuthorizerContext } from '@sifasuo/domain';
import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import { logger } from '../shared/aws';
import { readUser } from './sessions';
import { authStore } from './store';
import { verifyAccessToken } from './tokens';

const log = logger.createChild({ serviceName: 'auth' });

export const decide = async (header: string | undefined, now: Date): Promise<AuthorizerContext> => {
  const token = header?.replace(/^Bearer\s+/i, '').trim();
  if (!token) return { state: 'refused', reason: '未登录或登录已过期，请重新登录' };
  const verified = await verifyAccessToken(token, now);
  if ('problem' in verified) return { state: 'refused', reason: verified.problem };
  const { sub: username, sid, exp } = verified.claims;
  const [session, user] = await Promise.all([authStore.getSession(sid), readUser(username)]);
  if (!session || session.username !== username) return { state: 'refused', reason: '会话已结束，请重新登录' };
  const ended = sessionEndedReason(session, now);
  if (ended) return { state: 'refused', reason: ended };
  if (!user?.enabled) return { state: 'refused', reason: '账号已停用' };
  return {
    state: 'active', username, displayName: user.displayName, roles: user.roles.join(','),
    ...(user.officeId ? { officeId: user.officeId } : {}),
    ...(user.areaId ? { areaId: user.areaId } : {}),
    ...(user.departmentId ? { departmentId: user.departmentId } : {}),
    sessionId: sid, expiresAt: exp,
  };
};

export const handler = async (event: APIGatewayRequestAuthorizerEventV2): Promise<APIGatewaySimpleAuthorizerWithContextResult<AuthorizerContext>> => {
  const header = event.headers?.authorization ?? event.identitySource?.[0];
  const context = await decide(header, new Date());
  if (context.state === 'refused') log.info('token refused', { reason: context.reason, routeKey: event.routeKey });
  return { isAuthorized: true, context };
};

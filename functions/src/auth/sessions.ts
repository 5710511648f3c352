// Sessions: started at sign-in with a single-use refresh token, ended by sign-out, by the idle and
// absolute limits, or by a change that must end them (disabled, roles, unit, password, forced).
// Ending is a write of `endedAt` that the authorizer reads (answers cached ≤ 30 s).
import { randomBytes } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  AUTH_AUDIT,
  conflict,
  SESSION_ABSOLUTE_HOURS,
  userRecordKey,
  type Me,
  type SessionInfo,
  type SessionTokens,
  type User,
} from '@sifasuo/domain';
import { auditedWrite, type AuditedChange, type AuditedWrite } from '../shared/audited';
import { dynamo, tableName } from '../shared/aws';
import { transact, withoutKeys } from '../shared/dynamo';
import type { RequestContext } from '../shared/request-context';
import { authStore, authTable, keys, sha256, ttlAfter, type Session } from './store';
import { issueAccessToken } from './tokens';

type TransactItem = AuditedWrite['items'][number];
const writeConflict = () => conflict('账号数据正在被修改，请重试');

/** The org context's user record (roles, unit, enabled), read by its published key; never written here. */
export const readUser = async (username: string): Promise<User | undefined> => {
  const r = await dynamo().send(new GetCommand({ TableName: tableName('org'), Key: userRecordKey(username), ConsistentRead: true }));
  return r.Item ? withoutKeys<User>(r.Item) : undefined;
};

export const meOf = (u: User): Me => ({
  username: u.username, displayName: u.displayName, roles: u.roles, officeId: u.officeId, areaId: u.areaId, departmentId: u.departmentId,
});

/** A refresh token is `<session id>.<secret>`; only the secret's hash is stored. */
const newRefreshToken = (sessionId: string) => {
  const secret = randomBytes(32).toString('base64url');
  return { token: `${sessionId}.${secret}`, hash: sha256(secret) };
};
export const splitRefreshToken = (token: string) => {
  const [id, secret, ...rest] = token.split('.');
  return id && secret && !rest.length ? { id, hash: sha256(secret) } : undefined;
};

const tokensFor = async (session: Pick<Session, 'id' | 'username' | 'expiresAt'>, refreshToken: string, now: Date): Promise<SessionTokens> => {
  const access = await issueAccessToken(session.username, session.id, now);
  return { accessToken: access.token, refreshToken, expiresIn: access.expiresIn, sessionExpiresAt: session.expiresAt };
};

/** Starts a session; the sign-in's audit record (and any change the sign-in makes) go in the same write. */
export const startSession = async (
  ctx: RequestContext,
  user: User,
  with_: { audit?: AuditedChange; items?: TransactItem[] } = {},
): Promise<SessionTokens> => {
  const id = randomBytes(16).toString('base64url');
  const refresh = newRefreshToken(id);
  const at = ctx.now.toISOString();
  const session: Session = {
    id, username: user.username, refreshHash: refresh.hash, createdAt: at, lastUsedAt: at,
    expiresAt: new Date(ctx.now.getTime() + SESSION_ABSOLUTE_HOURS * 3_600_000).toISOString(),
    sourceIp: ctx.sourceIp, userAgent: ctx.userAgent?.slice(0, 200),
  };
  await auditedWrite(ctx, {
    items: [
      ...(with_.items ?? []),
      { Put: { TableName: authTable(), Item: { ...keys.session(id), ...keys.sessionIndex(session), entity: 'session', ...session, ttl: ttlAfter(session.expiresAt) } } },
    ],
    audit: with_.audit ?? { action: AUTH_AUDIT.login, targetId: user.username, actorName: user.username },
    onConditionFailed: writeConflict,
  });
  return tokensFor(session, refresh.token, ctx.now);
};

/**
 * Rotates the refresh token: the one presented must be the one stored (a reused token is a stolen
 * one, and ends the session); the new one replaces it in the same conditional write. `undefined`
 * when another refresh with the same token won the race.
 */
export const rotateSession = async (session: Session, presentedHash: string, now: Date): Promise<SessionTokens | undefined> => {
  const refresh = newRefreshToken(session.id);
  try {
    await dynamo().send(
      new UpdateCommand({
        TableName: authTable(),
        Key: keys.session(session.id),
        UpdateExpression: 'SET refreshHash = :new, lastUsedAt = :now',
        ConditionExpression: 'refreshHash = :old AND attribute_not_exists(endedAt)',
        ExpressionAttributeValues: { ':new': refresh.hash, ':old': presentedHash, ':now': now.toISOString() },
      }),
    );
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException) return undefined;
    throw e;
  }
  return tokensFor(session, refresh.token, now);
};

/** The writes that end sessions (idempotent: an ended session keeps its first end). */
export const endSessionItems = (sessions: readonly Pick<Session, 'id'>[], reason: string, now: Date): TransactItem[] =>
  sessions.map((s) => ({
    Update: {
      TableName: authTable(),
      Key: keys.session(s.id),
      UpdateExpression: 'SET endedAt = if_not_exists(endedAt, :now), endReason = if_not_exists(endReason, :reason)',
      ExpressionAttributeValues: { ':now': now.toISOString(), ':reason': reason },
    },
  }));

/** A transaction holds 100 items: the change, its audit record and up to this many session ends. */
const MAX_ENDS_PER_WRITE = 90;

/** Which of the user's live sessions a change ends. */
export type SessionsToEnd = { all: true } | { allBut: string } | { only: string };

/**
 * Makes a change (`items`, may be none) and ends some of the user's live sessions, with one audit
 * record, in one transaction. Returns how many sessions ended.
 */
export const changeAndEndSessions = async (
  ctx: RequestContext,
  username: string,
  reason: string,
  w: { items?: TransactItem[]; audit: AuditedChange; end: SessionsToEnd },
): Promise<number> => {
  const live = (await authStore.liveSessions(username, ctx.now)).filter((s) =>
    'only' in w.end ? s.id === w.end.only : 'allBut' in w.end ? s.id !== w.end.allBut : true,
  );
  const [first, rest] = [live.slice(0, MAX_ENDS_PER_WRITE), live.slice(MAX_ENDS_PER_WRITE)];
  await auditedWrite(ctx, {
    items: [...(w.items ?? []), ...endSessionItems(first, reason, ctx.now)],
    audit: { ...w.audit, reason: w.audit.reason ?? reason, after: { ...(w.audit.after as object | undefined), sessionsEnded: live.length } },
    onConditionFailed: writeConflict,
  });
  // Hundreds of live sessions of one user do not happen in practice; if they do, end the rest too.
  for (let i = 0; i < rest.length; i += 25) await transact(endSessionItems(rest.slice(i, i + 25), reason, ctx.now), writeConflict);
  return live.length;
};

/** Who ends sessions when no one signed in does (the refresh check, the session guard). */
export const SYSTEM_ACTOR = 'system';

export const sessionInfo = (s: Session): SessionInfo => ({
  id: s.id.slice(0, 8), createdAt: s.createdAt, lastUsedAt: s.lastUsedAt, expiresAt: s.expiresAt, sourceIp: s.sourceIp, userAgent: s.userAgent,
});

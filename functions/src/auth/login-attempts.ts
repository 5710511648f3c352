// Failed sign-in attempts and the lockout (the auth table's attempts items, store.ts): each try of a
// password or code is counted before it is checked, the fifth wrong one locks the name for a while,
// and locked names are filed under GSI1 LOCKED so the admin's list is one Query.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isLocked, lockAfterFailure, MAX_FAILED_ATTEMPTS, type LoginState } from '@sifasuo/domain';
import { GSI1 } from '@sifasuo/wiring/src/types';
import { dynamo } from '../shared/aws';
import { queryAll, withoutKeys } from '../shared/dynamo';
import { authItem, authTable, G1, keys, ttlAfter } from './store';

/** The GSI1 partition of locked names (attempts items, sparse). */
const LOCKED = 'LOCKED';

export const loginAttempts = {
  get: async (username: string): Promise<LoginState> => (await authItem<LoginState>(keys.attempts(username))) ?? { failedAttempts: 0 },
  /**
   * Names whose lock has not run out at `now`. A reset password deletes the attempts item and the
   * item expires a day after the last try, so the index holds few names; run-out locks are dropped here.
   */
  lockedNames: async (now: Date): Promise<Array<{ username: string; lockedUntil: string }>> =>
    (
      await queryAll(
        { table: authTable(), index: GSI1, partition: { name: G1.pk, value: LOCKED } },
        (i) => ({ username: String(i[G1.sk]), state: withoutKeys<LoginState>(i) }),
      )
    ).flatMap(({ username, state }) => (isLocked(state, now) ? [{ username, lockedUntil: state.lockedUntil! }] : [])),
  /**
   * Takes one attempt before a password or code is checked, atomically: refused (undefined) while
   * locked or when five attempts are already counted, so parallel guesses get at most five tries.
   * Names nobody has are counted alike, so the lockout does not tell them apart (the items expire).
   */
  reserve: async (username: string, now: Date): Promise<LoginState | undefined> => {
    try {
      const r = await dynamo().send(
        new UpdateCommand({
          TableName: authTable(),
          Key: keys.attempts(username),
          UpdateExpression: 'ADD failedAttempts :one SET #ttl = :ttl',
          ConditionExpression:
            '(attribute_not_exists(lockedUntil) OR lockedUntil <= :now) AND (attribute_not_exists(failedAttempts) OR failedAttempts < :max)',
          ExpressionAttributeNames: { '#ttl': 'ttl' },
          ExpressionAttributeValues: { ':one': 1, ':ttl': ttlAfter(now.toISOString()), ':now': now.toISOString(), ':max': MAX_FAILED_ATTEMPTS },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return withoutKeys<LoginState>(r.Attributes ?? {});
    } catch (e) {
      if (e instanceof ConditionalCheckFailedException) return undefined;
      throw e;
    }
  },
  /**
   * After a wrong password or code: the attempt stays counted, and the fifth locks the account — and
   * files the name under GSI1 LOCKED, so the locked names are a Query away (the lock may run out since).
   */
  lockIfExhausted: async (username: string, reserved: LoginState, now: Date): Promise<LoginState> => {
    const lockedUntil = lockAfterFailure(reserved.failedAttempts, now);
    if (!lockedUntil) return reserved;
    await dynamo().send(
      new UpdateCommand({
        TableName: authTable(),
        Key: keys.attempts(username),
        UpdateExpression: 'SET lockedUntil = :until, failedAttempts = :zero, #lockedPk = :locked, #lockedSk = :name',
        ExpressionAttributeNames: { '#lockedPk': G1.pk, '#lockedSk': G1.sk },
        ExpressionAttributeValues: { ':until': lockedUntil, ':zero': 0, ':locked': LOCKED, ':name': username },
      }),
    );
    return { failedAttempts: 0, lockedUntil };
  },
  /** After the right password or code: the count starts again (a lock set meanwhile stays). */
  clearFailed: async (username: string) => {
    await dynamo().send(
      new UpdateCommand({
        TableName: authTable(),
        Key: keys.attempts(username),
        UpdateExpression: 'SET failedAttempts = :zero',
        ExpressionAttributeValues: { ':zero': 0 },
      }),
    );
  },
};

/** How one counted try went: passed, wrong, or locked (before the check ran, or by this wrong try). */
export type AttemptOutcome = { outcome: 'passed' } | { outcome: 'wrong' } | { outcome: 'locked'; state: LoginState; beforeCheck: boolean };

/**
 * One try of a password or code, counted like every other: reserved before `check` runs (so parallel
 * guesses get five tries at most), cleared when it passes, kept when wrong — the fifth locks. Sign-in
 * and the checks of one's own password use it alike.
 */
export const countedAttempt = async (username: string, now: Date, check: () => Promise<boolean>): Promise<AttemptOutcome> => {
  const reserved = await loginAttempts.reserve(username, now);
  if (!reserved) {
    // Locked, or the fifth try of a burst still in flight: answered as locked from now.
    const state = await loginAttempts.get(username);
    return { outcome: 'locked', beforeCheck: true, state: isLocked(state, now) ? state : { failedAttempts: 0, lockedUntil: lockAfterFailure(MAX_FAILED_ATTEMPTS, now) } };
  }
  if (await check()) {
    await loginAttempts.clearFailed(username);
    return { outcome: 'passed' };
  }
  const next = await loginAttempts.lockIfExhausted(username, reserved, now);
  return isLocked(next, now) ? { outcome: 'locked', beforeCheck: false, state: next } : { outcome: 'wrong' };
};

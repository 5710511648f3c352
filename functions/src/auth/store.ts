// The auth table (the auth context's own). Keys:
//   credential  PK ACCOUNT#<username>  SK CREDENTIAL   password hash, second factor, lockout counters
//   session     PK SESSION#<id>        SK SESSION      GSI1 ACCOUNT#<username> / SESSION#<createdAt>#<id>
//   challenge   PK CHALLENGE#<id>      SK CHALLENGE    a password accepted, waiting for its second factor
//   settings    PK SETTINGS            SK AUTH         the county's sign-in settings
// Secrets are stored only as what verifies them: scrypt hashes of passwords, SHA-256 of refresh
// tokens and recovery codes. The TOTP secret must be kept to compute codes; the table is KMS-encrypted.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import {
  lockAfterFailure,
  MAX_FAILED_ATTEMPTS,
  sessionEndedReason,
  type AuthSettings,
  type LoginState,
  type SessionState,
} from '@sifasuo/domain';
import { GSI1, indexKeys } from '@sifasuo/wiring/src/types';
import { dynamo, tableName } from '../shared/aws';
import { queryAll, withoutKeys } from '../shared/dynamo';

export const authTable = () => tableName('auth');
const G1 = indexKeys(GSI1);

export interface Credential extends LoginState {
  username: string;
  passwordHash?: string;
  passwordChangedAt?: string;
  /** Base32; present once enrolled. */
  totpSecret?: string;
  /** The last TOTP step used: a code is accepted once. */
  totpLastStep?: number;
  /** SHA-256 (hex) of the unused recovery codes. */
  recoveryCodes?: string[];
  /** Offered by the own enrolment dialog, until confirmed with a code. */
  totpPendingSecret?: string;
}

export interface Session extends SessionState {
  id: string;
  username: string;
  refreshHash: string;
  sourceIp?: string;
  userAgent?: string;
}

export interface Challenge {
  id: string;
  username: string;
  purpose: 'totp' | 'enrol';
  /** The secret being enrolled (purpose `enrol`). */
  pendingSecret?: string;
  expiresAt: string;
}

export const keys = {
  credential: (username: string) => ({ PK: `ACCOUNT#${username}`, SK: 'CREDENTIAL' }),
  session: (id: string) => ({ PK: `SESSION#${id}`, SK: 'SESSION' }),
  sessionIndex: (s: Pick<Session, 'id' | 'username' | 'createdAt'>) => ({ [G1.pk]: `ACCOUNT#${s.username}`, [G1.sk]: `SESSION#${s.createdAt}#${s.id}` }),
  challenge: (id: string) => ({ PK: `CHALLENGE#${id}`, SK: 'CHALLENGE' }),
  settings: () => ({ PK: 'SETTINGS', SK: 'AUTH' }),
};

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** DynamoDB TTL (epoch seconds) a day after an instant: expired sessions and challenges clean themselves up. */
export const ttlAfter = (iso: string) => Math.floor(Date.parse(iso) / 1000) + 86_400;

const get = async <T>(Key: { PK: string; SK: string }): Promise<T | undefined> => {
  const r = await dynamo().send(new GetCommand({ TableName: authTable(), Key, ConsistentRead: true }));
  return r.Item ? withoutKeys<T>(r.Item) : undefined;
};

/** A deployed environment requires the second factor until the county admin decides otherwise. */
export const DEFAULT_SETTINGS: AuthSettings = { totpRequiredForPrivileged: true, version: 0 };

export const authStore = {
  getCredential: (username: string) => get<Credential>(keys.credential(username)),
  getSession: (id: string) => get<Session>(keys.session(id)),
  getChallenge: (id: string) => get<Challenge>(keys.challenge(id)),
  getSettings: async (): Promise<AuthSettings> => (await get<AuthSettings>(keys.settings())) ?? DEFAULT_SETTINGS,

  /** The user's sessions that still sign requests. */
  liveSessions: async (username: string, now: Date): Promise<Session[]> =>
    (
      await queryAll(
        { table: authTable(), index: GSI1, partition: { name: G1.pk, value: `ACCOUNT#${username}` }, sortKey: { name: G1.sk, beginsWith: 'SESSION#' } },
        (i) => withoutKeys<Session>(i),
      )
    ).filter((s) => !sessionEndedReason(s, now)),

  /**
   * Takes one attempt before a password or code is checked, atomically: refused (undefined) while
   * locked or when five attempts are already counted, so parallel guesses get at most five tries.
   */
  reserveAttempt: async (username: string, now: Date): Promise<LoginState | undefined> => {
    try {
      const r = await dynamo().send(
        new UpdateCommand({
          TableName: authTable(),
          Key: keys.credential(username),
          UpdateExpression: 'ADD failedAttempts :one SET username = :u',
          ConditionExpression:
            '(attribute_not_exists(lockedUntil) OR lockedUntil <= :now) AND (attribute_not_exists(failedAttempts) OR failedAttempts < :max)',
          ExpressionAttributeValues: { ':one': 1, ':u': username, ':now': now.toISOString(), ':max': MAX_FAILED_ATTEMPTS },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return withoutKeys<LoginState>(r.Attributes ?? {});
    } catch (e) {
      if (e instanceof ConditionalCheckFailedException) return undefined;
      throw e;
    }
  },
  /** After a wrong password or code: the attempt stays counted, and the fifth locks the account. */
  lockIfExhausted: async (username: string, reserved: LoginState, now: Date): Promise<LoginState> => {
    const lockedUntil = lockAfterFailure(reserved.failedAttempts, now);
    if (!lockedUntil) return reserved;
    await dynamo().send(
      new UpdateCommand({
        TableName: authTable(),
        Key: keys.credential(username),
        UpdateExpression: 'SET lockedUntil = :until, failedAttempts = :zero',
        ExpressionAttributeValues: { ':until': lockedUntil, ':zero': 0 },
      }),
    );
    return { failedAttempts: 0, lockedUntil };
  },
  /** After the right password or code: the count starts again (a lock set meanwhile stays). */
  clearFailedAttempts: async (username: string) => {
    await dynamo().send(
      new UpdateCommand({
        TableName: authTable(),
        Key: keys.credential(username),
        UpdateExpression: 'SET failedAttempts = :zero',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':zero': 0 },
      }),
    ).catch((e) => {
      if (!(e instanceof ConditionalCheckFailedException)) throw e;
    });
  },
  /** A weaker stored hash, replaced after a successful sign-in. */
  replaceHash: async (username: string, passwordHash: string) => {
    await dynamo().send(
      new UpdateCommand({ TableName: authTable(), Key: keys.credential(username), UpdateExpression: 'SET passwordHash = :h', ExpressionAttributeValues: { ':h': passwordHash } }),
    );
  },
  /** Marks a TOTP step used; false when it (or a later one) already was: the code was replayed. */
  useTotpStep: async (username: string, step: number): Promise<boolean> => {
    try {
      await dynamo().send(
        new UpdateCommand({
          TableName: authTable(),
          Key: keys.credential(username),
          UpdateExpression: 'SET totpLastStep = :s',
          ConditionExpression: 'attribute_not_exists(totpLastStep) OR totpLastStep < :s',
          ExpressionAttributeValues: { ':s': step },
        }),
      );
      return true;
    } catch (e) {
      if (e instanceof ConditionalCheckFailedException) return false;
      throw e;
    }
  },
  /** Removes one unused recovery code; false when it was not (or no longer) there. */
  useRecoveryCode: async (username: string, credential: Credential, hash: string): Promise<boolean> => {
    const index = (credential.recoveryCodes ?? []).indexOf(hash);
    if (index < 0) return false;
    try {
      await dynamo().send(
        new UpdateCommand({
          TableName: authTable(),
          Key: keys.credential(username),
          UpdateExpression: `REMOVE recoveryCodes[${index}]`,
          ConditionExpression: `recoveryCodes[${index}] = :h`,
          ExpressionAttributeValues: { ':h': hash },
        }),
      );
      return true;
    } catch (e) {
      if (e instanceof ConditionalCheckFailedException) return false;
      throw e;
    }
  },
  /** A challenge is answered once: false when another request took it first. */
  takeChallenge: async (id: string): Promise<boolean> => {
    try {
      await dynamo().send(new DeleteCommand({ TableName: authTable(), Key: keys.challenge(id), ConditionExpression: 'attribute_exists(PK)' }));
      return true;
    } catch (e) {
      if (e instanceof ConditionalCheckFailedException) return false;
      throw e;
    }
  },
  setPendingSecret: async (username: string, secret: string) => {
    await dynamo().send(
      new UpdateCommand({
        TableName: authTable(), Key: keys.credential(username),
        UpdateExpression: 'SET totpPendingSecret = :s, username = :u', ExpressionAttributeValues: { ':s': secret, ':u': username },
      }),
    );
  },
};

// The auth table (the auth context's own). Keys:
//   credential  PK ACCOUNT#<username>  SK CREDENTIAL   password hash, second factor
//   attempts    PK ATTEMPTS#<name>     SK ATTEMPTS     failures counted for any name tried, known or not;
//                                                     GSI1 LOCKED / <name> once locked (sparse: the locked names;
//                                                     login-attempts.ts)
//   session     PK SESSION#<id>        SK SESSION      GSI1 ACCOUNT#<username> / SESSION#<createdAt>#<id>
//   challenge   PK CHALLENGE#<id>      SK CHALLENGE    a password accepted, waiting for its second factor
//   settings    PK SETTINGS            SK AUTH         the county's sign-in settings
// Secrets are stored only as what verifies them: scrypt hashes of passwords, SHA-256 of refresh
// tokens and recovery codes. The TOTP secret must be kept to compute codes; the table is KMS-encrypted.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import { sessionEndedReason, type AuthSettings, type SessionState } from '@sifasuo/domain';
import { GSI1, indexKeys } from '@sifasuo/wiring/src/types';
import { dynamo, tableName } from '../shared/aws';
import { queryAll, withoutKeys } from '../shared/dynamo';

export const authTable = () => tableName('auth');
/** GSI1's key names in the auth table (sessions by account; locked names, login-attempts.ts). */
export const G1 = indexKeys(GSI1);

export interface Credential {
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
  attempts: (username: string) => ({ PK: `ATTEMPTS#${username}`, SK: 'ATTEMPTS' }),
  settings: () => ({ PK: 'SETTINGS', SK: 'AUTH' }),
};

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
/** DynamoDB TTL (epoch seconds) a day after an instant: expired sessions and challenges clean themselves up. */
export const ttlAfter = (iso: string) => Math.floor(Date.parse(iso) / 1000) + 86_400;

/** One item of the auth table, read consistently. */
export const authItem = async <T>(Key: { PK: string; SK: string }): Promise<T | undefined> => {
  const r = await dynamo().send(new GetCommand({ TableName: authTable(), Key, ConsistentRead: true }));
  return r.Item ? withoutKeys<T>(r.Item) : undefined;
};

/** A deployed environment requires the second factor until the county admin decides otherwise. */
export const DEFAULT_SETTINGS: AuthSettings = { totpRequiredForPrivileged: true, version: 0 };

export const authStore = {
  getCredential: (username: string) => authItem<Credential>(keys.credential(username)),
  getSession: (id: string) => authItem<Session>(keys.session(id)),
  getChallenge: (id: string) => authItem<Challenge>(keys.challenge(id)),
  getSettings: async (): Promise<AuthSettings> => (await authItem<AuthSettings>(keys.settings())) ?? DEFAULT_SETTINGS,

  /** The user's sessions that still sign requests. */
  liveSessions: async (username: string, now: Date): Promise<Session[]> =>
    (
      await queryAll(
        { table: authTable(), index: GSI1, partition: { name: G1.pk, value: `ACCOUNT#${username}` }, sortKey: { name: G1.sk, beginsWith: 'SESSION#' } },
        (i) => withoutKeys<Session>(i),
      )
    ).filter((s) => !sessionEndedReason(s, now)),

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
  putChallenge: async (c: Challenge) => {
    await dynamo().send(new PutCommand({ TableName: authTable(), Item: { ...keys.challenge(c.id), entity: 'challenge', ...c, ttl: ttlAfter(c.expiresAt) } }));
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

// The credential's writes that go into an audited transaction with the change they belong to.

/** A new password hash, and the lockout starts again (an admin's reset is also how a locked account is opened). */
export const passwordItems = (username: string, passwordHash: string, now: Date) => [
  {
    Update: {
      TableName: authTable(),
      Key: keys.credential(username),
      UpdateExpression: 'SET passwordHash = :h, passwordChangedAt = :now, username = :u',
      ExpressionAttributeValues: { ':h': passwordHash, ':now': now.toISOString(), ':u': username },
    },
  },
  { Delete: { TableName: authTable(), Key: keys.attempts(username) } },
];

/** The second factor set (and any pending offer cleared). */
export const enrolItem = (username: string, secret: string, recoveryHashes: string[]) => ({
  Update: {
    TableName: authTable(),
    Key: keys.credential(username),
    UpdateExpression: 'SET totpSecret = :s, recoveryCodes = :r, username = :u REMOVE totpPendingSecret',
    ExpressionAttributeValues: { ':s': secret, ':r': recoveryHashes, ':u': username },
  },
});

/** The second factor removed: the account enrols again. */
export const removeSecondFactorItem = (username: string) => ({
  Update: {
    TableName: authTable(),
    Key: keys.credential(username),
    UpdateExpression: 'SET username = :u REMOVE totpSecret, recoveryCodes, totpPendingSecret, totpLastStep',
    ExpressionAttributeValues: { ':u': username },
  },
});

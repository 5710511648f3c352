// The local cloud itself: the gateway behaves like API Gateway HTTP API + the Cognito JWT authorizer,
// the event bus routes by the wiring's rules, SQS pollers honour partial batches and DLQ redrive,
// DynamoDB stream pollers deliver changes in order with Lambda's partial batch semantics and resume
// from persisted checkpoints, and schedules can be run by hand. Uses the real emulators and the test-only probe wiring
// (tests/support/test-wiring.ts).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdminCreateUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminAddUserToGroupCommand,
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  AdminSetUserPasswordCommand,
  DeleteUserAttributesCommand,
  InitiateAuthCommand,
  UpdateUserAttributesCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
// The stream poller module alone (no emulators), for the restart test.
import { CheckpointStore, startStreamPollers, type StreamRuntime } from '@sifasuo/local-cloud/src/streams';
import { api, cloud, cognito, credentials, dynamo, eventBridge, eventually, localName, login, queueUrl, region, sqs } from '../support/cloud';
import {
  PROBE_DETAIL_TYPE,
  PROBE_QUEUE,
  PROBE_SCHEDULE,
  PROBE_SOURCE,
  PROBE_STREAM_TABLE,
  probeLog,
} from '../support/test-wiring';

jest.setTimeout(60_000);

const b64url = (x: unknown) => Buffer.from(typeof x === 'string' ? x : JSON.stringify(x)).toString('base64url');
const decode = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
const header = (token: string) => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8'));

/**
 * Signs claims with the key the pool really signs with: cognito-local 5.3.0 ships one fixed key pair
 * (kid `CognitoLocal`) and serves its public half as the pool's JWKS, so these tokens pass the
 * signature check and only the claims decide.
 */
const poolKey = createPrivateKey(
  JSON.parse(readFileSync(require.resolve('cognito-local/lib/keys/cognitoLocal.private.json'), 'utf8')).pem as string,
);
const signWithPoolKey = (claims: Record<string, unknown>) => {
  const head = b64url({ alg: 'RS256', typ: 'JWT', kid: 'CognitoLocal' });
  const body = b64url(claims);
  return `${head}.${body}.${sign('RSA-SHA256', Buffer.from(`${head}.${body}`), poolKey).toString('base64url')}`;
};

const probeEntries = (): any[] => {
  const file = probeLog(cloud().pid);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
};

/** A user straight in Cognito (not through the org API), so these tests do not depend on the seed. */
async function cognitoUser(username: string, groups: string[], attributes: Record<string, string> = {}) {
  const { userPoolId, userPoolClientId } = cloud();
  await cognito().send(
    new AdminCreateUserCommand({
      UserPoolId: userPoolId, Username: username, MessageAction: 'SUPPRESS',
      UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
    }),
  );
  await cognito().send(new AdminSetUserPasswordCommand({ UserPoolId: userPoolId, Username: username, Password: 'Probe#Pass123', Permanent: true }));
  for (const g of groups) await cognito().send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: g }));
  const auth = await cognito().send(
    new InitiateAuthCommand({ ClientId: userPoolClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: 'Probe#Pass123' } }),
  );
  return { idToken: auth.AuthenticationResult!.IdToken!, accessToken: auth.AuthenticationResult!.AccessToken! };
}

describe('local API gateway', () => {
  it('serves health through the gateway', async () => {
    const r = await api('/api/health');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'ok' });
    expect(r.headers.get('apigw-requestid')).toBeTruthy();
    const local = await api('/__local/health');
    expect(local.status).toBe(200);
    expect(local.body.status).toBe('ok');
  });

  it('answers an unknown route (or method) with a JSON 404', async () => {
    for (const [method, path] of [['GET', '/api/nope'], ['DELETE', '/api/health'], ['GET', '/api']]) {
      const r = await api(path!, { method });
      expect(r.status).toBe(404);
      expect(r.body).toEqual({ code: 'NOT_FOUND', message: '接口不存在' });
    }
  });

  it('builds a payload v2 event: route key, decoded path parameters, comma-joined query, headers, cookies, body', async () => {
    const r = await api('/api/__test/echo/a%20b%2Fc?x=1&x=2&y=%E4%B8%AD', {
      method: 'POST', body: { hello: '世界' }, headers: { cookie: 'k1=v1; k2=v2', 'X-Custom': 'Yes' },
    });
    expect(r.status).toBe(201);
    expect(r.headers.get('x-probe')).toBe('yes');
    expect(r.headers.get('set-cookie')).toContain('a=1');
    const { event, remainingMs, functionName } = r.body;
    expect(functionName).toBe('sifasuo-local-test-probe-api');
    expect(remainingMs).toBeGreaterThan(0);
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /api/__test/echo/{id}',
      rawPath: '/api/__test/echo/a%20b%2Fc',
      rawQueryString: 'x=1&x=2&y=%E4%B8%AD',
      queryStringParameters: { x: '1,2', y: '中' },
      pathParameters: { id: 'a b/c' },
      cookies: ['k1=v1', 'k2=v2'],
      body: '{"hello":"世界"}',
      isBase64Encoded: false,
      requestContext: { routeKey: 'POST /api/__test/echo/{id}', stage: '$default', http: { method: 'POST', path: '/api/__test/echo/a%20b%2Fc' } },
    });
    expect(event.headers['x-custom']).toBe('Yes');
    expect(event.headers.cookie).toBeUndefined();
    expect(typeof event.requestContext.timeEpoch).toBe('number');
  });

  it('prefers a literal route over a parameter, and base64-encodes binary bodies', async () => {
    const fixed = await api('/api/__test/echo/fixed');
    expect(fixed.body.event.routeKey).toBe('GET /api/__test/echo/fixed');
    const bin = await api('/api/__test/echo/x', { method: 'POST', rawBody: 'AB', headers: { 'content-type': 'application/octet-stream' } });
    expect(bin.body.event).toMatchObject({ isBase64Encoded: true, body: Buffer.from('AB').toString('base64') });
  });

  it('turns a throwing or timed-out handler into a 500 without detail, and refuses bodies over 1 MB', async () => {
    for (const path of ['/api/__test/throw', '/api/__test/slow']) {
      const r = await api(path);
      expect(r.status).toBe(500);
      expect(r.body).toEqual({ code: 'INTERNAL', message: '服务器内部错误，请稍后重试' });
    }
    const big = await api('/api/__test/echo/x', { method: 'POST', rawBody: 'x'.repeat(1024 * 1024 + 1), headers: { 'content-type': 'text/plain' } });
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('JWT authorizer', () => {
  let tokens: { idToken: string; accessToken: string };
  beforeAll(async () => {
    tokens = await cognitoUser(`jwt-probe-${Date.now()}`, ['office_staff', 'area_director'], { 'custom:officeId': '0101' });
  });

  it('refuses a jwt route without a token, with garbage, or with a bad signature: 401 {"message":"Unauthorized"}', async () => {
    expect(await api('/api/__test/claims')).toMatchObject({ status: 401, body: { message: 'Unauthorized' } });
    expect((await api('/api/__test/claims', { token: 'not-a-jwt' })).status).toBe(401);
    // Same header (kid) and claims, signed with a key that is not the pool's.
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const head = b64url(header(tokens.idToken));
    const body = b64url(decode(tokens.idToken));
    const forged = `${head}.${body}.${sign('RSA-SHA256', Buffer.from(`${head}.${body}`), createPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' }))).toString('base64url')}`;
    expect((await api('/api/__test/claims', { token: forged })).status).toBe(401);
    // The real signature on tampered claims.
    const [h, , s] = tokens.idToken.split('.');
    const tampered = `${h}.${b64url({ ...decode(tokens.idToken), 'cognito:groups': ['county_admin'] })}.${s}`;
    expect((await api('/api/__test/claims', { token: tampered })).status).toBe(401);
  });

  it('checks aud before client_id and requires exp, like the AWS JWT authorizer (tokens signed with the pool key)', async () => {
    const clientId = cloud().userPoolClientId;
    const id = decode(tokens.idToken);
    const access = decode(tokens.accessToken);
    const status = async (claims: Record<string, unknown>) => (await api('/api/__test/claims', { token: signWithPoolKey(claims) })).status;
    // The key is trusted: the real claims re-signed pass, as ID token (aud) and access token (client_id).
    expect(header(tokens.idToken).kid).toBe('CognitoLocal');
    expect(await status(id)).toBe(200);
    expect(await status(access)).toBe(200);
    // aud present and wrong: refused even though client_id matches (API Gateway falls back to client_id only without aud).
    expect(await status({ ...id, aud: 'some-other-client', client_id: clientId })).toBe(401);
    expect(await status({ ...access, aud: 'some-other-client' })).toBe(401);
    expect(await status({ ...access, client_id: 'some-other-client' })).toBe(401);
    // exp is required, and checked.
    const { exp: _exp, ...noExp } = id;
    expect(await status(noExp)).toBe(401);
    expect(await status({ ...id, exp: Math.floor(Date.now() / 1000) - 60 })).toBe(401);
    // nbf and iss are checked too.
    expect(await status({ ...id, nbf: Math.floor(Date.now() / 1000) + 3600 })).toBe(401);
    expect(await status({ ...id, iss: `${id.iss}x` })).toBe(401);
  });

  it('answers a wrong password like AWS Cognito does (NotAuthorizedException), and issues tokens by its public endpoint', async () => {
    const username = `wrong-pw-${Date.now()}`;
    await cognitoUser(username, []);
    const attempt = cognito().send(
      new InitiateAuthCommand({ ClientId: cloud().userPoolClientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: 'Wrong#Pass999' } }),
    );
    await expect(attempt).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    expect(decode(tokens.idToken).iss).toBe(`${cloud().endpoints.cognito}/${cloud().userPoolId}`);
  });

  it('accepts ID tokens (aud) and access tokens (client_id), and flattens claims to strings like API Gateway', async () => {
    const r = await api('/api/__test/claims', { token: tokens.idToken });
    expect(r.status).toBe(200);
    const claims = r.body.claims as Record<string, unknown>;
    expect(claims['cognito:groups']).toMatch(/^\[(office_staff area_director|area_director office_staff)\]$/);
    expect(claims['custom:officeId']).toBe('0101');
    expect(claims.aud).toBe(cloud().userPoolClientId);
    expect(typeof claims.exp).toBe('string');
    for (const v of Object.values(claims)) expect(typeof v).toBe('string');
    expect((await api('/api/__test/claims', { token: tokens.accessToken })).status).toBe(200);
  });
});

describe('Cognito self-service attribute writes', () => {
  it('refuses a user writing their own custom:* attributes (data scope) with NotAuthorizedException, as the portal client does in AWS', async () => {
    const { demoPassword } = cloud();
    const loggedIn = await api('/api/auth/login', { method: 'POST', body: { username: 'staff-0101', password: demoPassword } });
    expect(loggedIn.status).toBe(200);
    expect(loggedIn.body.user.officeId).toBe('0101');
    const AccessToken = loggedIn.body.accessToken as string;
    const refused = { name: 'NotAuthorizedException', message: 'A client attempted to write unauthorized attribute' };
    await expect(
      cognito().send(new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'custom:officeId', Value: '0201' }] })),
    ).rejects.toMatchObject(refused);
    // One harmless attribute does not carry a forbidden one through.
    await expect(
      cognito().send(
        new UpdateUserAttributesCommand({ AccessToken, UserAttributes: [{ Name: 'locale', Value: 'zh-CN' }, { Name: 'custom:areaId', Value: '02' }] }),
      ),
    ).rejects.toMatchObject(refused);
    await expect(cognito().send(new DeleteUserAttributesCommand({ AccessToken, UserAttributeNames: ['custom:officeId'] }))).rejects.toMatchObject(refused);

    const again = await api('/api/auth/login', { method: 'POST', body: { username: 'staff-0101', password: demoPassword } });
    expect(again.status).toBe(200);
    const me = await api('/api/auth/me', { token: again.body.idToken });
    expect(me.status).toBe(200);
    expect(me.body.officeId).toBe('0101');
    expect(decode(again.body.idToken)['custom:officeId']).toBe('0101');
  });

  it('still lets users write the standard attributes the client allows, and admins (IAM in AWS) write anything', async () => {
    const username = `attr-probe-${Date.now()}`;
    const { accessToken } = await cognitoUser(username, ['office_staff'], { 'custom:officeId': '0101' });
    await cognito().send(new UpdateUserAttributesCommand({ AccessToken: accessToken, UserAttributes: [{ Name: 'locale', Value: 'zh-CN' }] }));
    await cognito().send(
      new AdminUpdateUserAttributesCommand({ UserPoolId: cloud().userPoolId, Username: username, UserAttributes: [{ Name: 'custom:officeId', Value: '0102' }] }),
    );
    const user = await cognito().send(new AdminGetUserCommand({ UserPoolId: cloud().userPoolId, Username: username }));
    const attrs = Object.fromEntries(user.UserAttributes!.map((a) => [a.Name, a.Value]));
    expect(attrs).toMatchObject({ locale: 'zh-CN', 'custom:officeId': '0102' });
  });
});

describe('event bus, queues and consumers', () => {
  it('routes a PutEvents entry by the wiring rules into the queue, as an EventBridge envelope', async () => {
    const id = `route-${Date.now()}`;
    const out = await eventBridge().send(
      new PutEventsCommand({ Entries: [{ Source: PROBE_SOURCE, DetailType: PROBE_DETAIL_TYPE, Detail: JSON.stringify({ id }), EventBusName: 'sifasuo-local-bus' }] }),
    );
    expect(out.FailedEntryCount).toBe(0);
    const seen = await eventually(async () => probeEntries().find((e) => e.kind === 'sqs' && e.id === id));
    const envelope = JSON.parse(seen.record.body);
    expect(envelope).toMatchObject({
      version: '0', id: out.Entries![0]!.EventId, 'detail-type': PROBE_DETAIL_TYPE, source: PROBE_SOURCE,
      account: '000000000000', region: 'us-east-1', resources: [], detail: { id },
    });
    expect(seen.record).toMatchObject({ eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:sifasuo-local-test-probe' });
    expect(seen.record.attributes.ApproximateReceiveCount).toBe('1');
  });

  it('reports malformed entries as failed and routes nothing for unmatched events', async () => {
    const out = await eventBridge().send(
      new PutEventsCommand({
        Entries: [
          { Source: PROBE_SOURCE, DetailType: PROBE_DETAIL_TYPE, Detail: '{not json' },
          { Source: 'sifasuo.nobody', DetailType: 'Nothing', Detail: '{}' },
        ],
      }),
    );
    expect(out.FailedEntryCount).toBe(1);
    expect(out.Entries![0]!.ErrorCode).toBe('MalformedDetail');
    expect(out.Entries![1]!.EventId).toBeTruthy();
  });

  it('an org UserChanged event reaches the user-sync consumer, which repairs Cognito from the org table', async () => {
    const admin = await login('admin');
    const username = `sync-probe-${Date.now() % 1e8}`;
    const created = await api('/api/org/users', {
      method: 'POST', token: admin,
      body: { username, password: 'Probe#Pass123', displayName: '同步探针', roles: ['office_staff'], officeId: '0101', enabled: true },
    });
    expect(created.status).toBe(201);
    const groups = async () =>
      (await cognito().send(new AdminListGroupsForUserCommand({ UserPoolId: cloud().userPoolId, Username: username }))).Groups!.map((g) => g.GroupName);
    await eventually(async () => (await groups()).includes('office_staff'));
    // Drift Cognito away from the org record, then announce the user through the real bus.
    await cognito().send(new AdminRemoveUserFromGroupCommand({ UserPoolId: cloud().userPoolId, Username: username, GroupName: 'office_staff' }));
    expect(await groups()).not.toContain('office_staff');
    const out = await eventBridge().send(
      new PutEventsCommand({ Entries: [{ Source: 'sifasuo.org', DetailType: 'UserChanged', Detail: JSON.stringify({ username, version: 1 }), EventBusName: 'sifasuo-local-bus' }] }),
    );
    expect(out.FailedEntryCount).toBe(0);
    await eventually(async () => (await groups()).includes('office_staff'));
  });

  it('a consumer that keeps throwing gets the message redelivered, then the message moves to the DLQ', async () => {
    const id = `throw-${Date.now()}`;
    await sqs().send(new SendMessageCommand({ QueueUrl: await queueUrl(PROBE_QUEUE), MessageBody: JSON.stringify({ id, mode: 'throw' }) }));
    const dlq = await queueUrl(PROBE_QUEUE, { dlq: true });
    const dead = await eventually(async () => {
      const r = await sqs().send(new ReceiveMessageCommand({ QueueUrl: dlq, WaitTimeSeconds: 1, MaxNumberOfMessages: 10 }));
      return r.Messages?.find((m) => JSON.parse(m.Body!).id === id);
    }, 30_000);
    await sqs().send(new DeleteMessageCommand({ QueueUrl: dlq, ReceiptHandle: dead.ReceiptHandle! }));
    // maxReceiveCount 2: delivered twice to the consumer, never a third time.
    expect(probeEntries().filter((e) => e.id === id).map((e) => e.receiveCount)).toEqual(['1', '2']);
  });

  it('honours partial batch responses: the failed item is retried and dead-lettered, the good one is deleted once', async () => {
    const ok = `ok-${Date.now()}`;
    const bad = `fail-${Date.now()}`;
    await sqs().send(
      new SendMessageBatchCommand({
        QueueUrl: await queueUrl(PROBE_QUEUE),
        Entries: [
          { Id: 'a', MessageBody: JSON.stringify({ id: ok, mode: 'ok' }) },
          { Id: 'b', MessageBody: JSON.stringify({ id: bad, mode: 'fail' }) },
        ],
      }),
    );
    const dlq = await queueUrl(PROBE_QUEUE, { dlq: true });
    const dead = await eventually(async () => {
      const r = await sqs().send(new ReceiveMessageCommand({ QueueUrl: dlq, WaitTimeSeconds: 1, MaxNumberOfMessages: 10 }));
      return r.Messages?.find((m) => JSON.parse(m.Body!).id === bad);
    }, 30_000);
    await sqs().send(new DeleteMessageCommand({ QueueUrl: dlq, ReceiptHandle: dead.ReceiptHandle! }));
    expect(probeEntries().filter((e) => e.id === bad)).toHaveLength(2);
    expect(probeEntries().filter((e) => e.id === ok)).toHaveLength(1);
  });
});

describe('DynamoDB stream pollers', () => {
  const table = localName(PROBE_STREAM_TABLE);
  let raw: DynamoDBClient;
  beforeAll(() => {
    raw = new DynamoDBClient({ region, credentials, endpoint: cloud().endpoints.dynamodb });
  });
  afterAll(() => raw.destroy());

  interface StreamEntry {
    kind: 'stream';
    functionName: string;
    ids: string[];
    names: string[];
    event: { Records: DynamoDBRecord[] };
  }
  /** Stream invocations that carried any of `ids`, in order. */
  const batches = (...ids: string[]): StreamEntry[] =>
    probeEntries().filter((e) => e.kind === 'stream' && (e.ids as string[]).some((i) => ids.includes(i)));
  /** Every delivery of a record of item `id` (one per invocation it was in). */
  const deliveriesOf = (id: string) => batches(id).flatMap((b) => b.event.Records.filter((r) => r.dynamodb!.Keys!.PK!.S === id));
  const put = (PK: string, mode?: string) => dynamo().send(new PutCommand({ TableName: table, Item: { PK, SK: 'item', ...(mode ? { mode } : {}) } }));
  const settle = () => new Promise((r) => setTimeout(r, 1500));

  /** A slow record keeps the consumer busy, so the writes made meanwhile arrive as one batch. */
  async function inOneBatch(prefix: string, write: () => Promise<void>) {
    const blocker = `${prefix}-blocker`;
    await put(blocker, 'slow');
    await eventually(async () => batches(blocker).length > 0);
    await write();
  }

  it('creates the table with a NEW_AND_OLD_IMAGES stream and delivers INSERT, MODIFY, REMOVE in order with Lambda-shaped records', async () => {
    const desc = await raw.send(new DescribeTableCommand({ TableName: table }));
    expect(desc.Table!.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    const streamArn = desc.Table!.LatestStreamArn!;

    const id = `images-${Date.now()}`;
    const t0 = Math.floor(Date.now() / 1000);
    await dynamo().send(
      new PutCommand({ TableName: table, Item: { PK: id, SK: 'item', n: 1, name: '司法所', bin: new Uint8Array([104, 105]), tags: new Set(['a', 'b']), nested: { list: [1, 'x', null, true] } } }),
    );
    await dynamo().send(new UpdateCommand({ TableName: table, Key: { PK: id, SK: 'item' }, UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': 2 } }));
    await dynamo().send(new DeleteCommand({ TableName: table, Key: { PK: id, SK: 'item' } }));

    const records = await eventually(async () => {
      const all = deliveriesOf(id);
      return all.length >= 3 ? all : undefined;
    });
    expect(records.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
    const seqs = records.map((r) => BigInt(r.dynamodb!.SequenceNumber!));
    expect(seqs[0]! < seqs[1]! && seqs[1]! < seqs[2]!).toBe(true);
    const keys = { PK: { S: id }, SK: { S: 'item' } };
    const image = {
      ...keys, n: { N: '1' }, name: { S: '司法所' }, bin: { B: Buffer.from('hi').toString('base64') }, tags: { SS: ['a', 'b'] },
      nested: { M: { list: { L: [{ N: '1' }, { S: 'x' }, { NULL: true }, { BOOL: true }] } } },
    };
    const [insert, modify, remove] = records as [DynamoDBRecord, DynamoDBRecord, DynamoDBRecord];
    for (const r of records) {
      expect(r).toMatchObject({ eventVersion: '1.1', eventSource: 'aws:dynamodb', awsRegion: 'us-east-1', eventSourceARN: streamArn });
      expect(r.eventID).toEqual(expect.any(String));
      expect(r.dynamodb).toMatchObject({ Keys: keys, StreamViewType: 'NEW_AND_OLD_IMAGES', SizeBytes: expect.any(Number) });
      // Whole seconds, like Lambda (DynamoDB Local rounds to the minute).
      expect(Number.isInteger(r.dynamodb!.ApproximateCreationDateTime)).toBe(true);
      expect(Math.abs(r.dynamodb!.ApproximateCreationDateTime! - t0)).toBeLessThan(120);
    }
    expect(insert.dynamodb!.NewImage).toEqual(image);
    expect(insert.dynamodb!.OldImage).toBeUndefined();
    expect(modify.dynamodb!.OldImage).toEqual(image);
    expect(modify.dynamodb!.NewImage).toEqual({ ...image, n: { N: '2' } });
    expect(remove.dynamodb!.OldImage).toEqual({ ...image, n: { N: '2' } });
    expect(remove.dynamodb!.NewImage).toBeUndefined();
    expect(batches(id)[0]!.functionName).toBe('sifasuo-local-test-probe-stream');

    const health = await api('/__local/health');
    expect(health.body.streams[PROBE_STREAM_TABLE].records).toBeGreaterThanOrEqual(3);
  });

  it('after a reported failure of the 2nd record, redelivers from the 2nd record on and never the 1st again', async () => {
    const p = `partial-${Date.now()}`;
    const [r1, r2, r3] = [`${p}-1`, `${p}-2`, `${p}-3`];
    await inOneBatch(p, async () => {
      await put(r1);
      await put(r2, 'fail:1');
      await put(r3);
    });
    await eventually(async () => deliveriesOf(r3).length >= 2);
    await settle();
    const seen = batches(r1, r2, r3).map((b) => b.ids);
    expect(seen).toEqual([
      [r1, r2, r3],
      [r2, r3],
    ]);
  });

  it('redelivers the whole batch when the consumer throws', async () => {
    const p = `throws-${Date.now()}`;
    const [r1, r2] = [`${p}-1`, `${p}-2`];
    await inOneBatch(p, async () => {
      await put(r1);
      await put(r2, 'throw:1');
    });
    await eventually(async () => deliveriesOf(r2).length >= 2);
    await settle();
    expect(batches(r1, r2).map((b) => b.ids)).toEqual([
      [r1, r2],
      [r1, r2],
    ]);
  });

  it('gives up on a record that keeps failing after 5 attempts, and goes on with the next', async () => {
    const p = `poison-${Date.now()}`;
    const [bad, next] = [`${p}-bad`, `${p}-next`];
    await put(bad, 'fail:99');
    await put(next);
    // `next` rides along in every redelivery of `bad` (same batch or not); it leads a batch once `bad` is skipped.
    await eventually(async () => batches(next).some((b) => b.ids[0] === next), 30_000);
    await settle();
    expect(deliveriesOf(bad)).toHaveLength(5);
    const after = batches(bad, next).findIndex((b) => b.ids[0] === next);
    expect(batches(bad, next).slice(after).flatMap((b) => b.ids)).toEqual([next]);
  });

  it('retries a batch that keeps throwing record by record, so only the poison record is skipped', async () => {
    const p = `isolate-${Date.now()}`;
    const [good, poison, after] = [`${p}-good`, `${p}-poison`, `${p}-after`];
    await inOneBatch(p, async () => {
      await put(good);
      await put(poison, 'throw:99');
    });
    await eventually(async () => batches(poison).length >= 10, 30_000);
    await put(after);
    await eventually(async () => deliveriesOf(after).length >= 1, 30_000);
    await settle();
    const seen = batches(good, poison, after).map((b) => b.ids);
    expect(seen).toEqual([
      ...Array.from({ length: 5 }, () => [good, poison]),
      [good],
      ...Array.from({ length: 5 }, () => [poison]),
      [after],
    ]);
  });

  it('persists checkpoints: a restarted poller resumes after the last processed record', async () => {
    // A table of its own and the poller module run here, against the cloud's DynamoDB Local.
    const id = `restart-probe-${Date.now()}`;
    const TableName = localName(id);
    await raw.send(
      new CreateTableCommand({
        TableName, BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }],
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    );
    const dir = mkdtempSync(join(tmpdir(), 'sifasuo-streams-'));
    const checkpointFile = join(dir, 'streams.json');
    const received: string[][] = [];
    const logs: string[] = [];
    const runtime: StreamRuntime = {
      fn: (fnId) => ({ id: fnId, context: 'platform', kind: 'stream', entry: 'inline', tables: [], timeoutSeconds: 5, memoryMb: 128 }),
      entryExists: () => true,
      load: async () => undefined,
      invoke: async (_fnId, event) => {
        received.push((event as { Records: DynamoDBRecord[] }).Records.map((r) => r.dynamodb!.Keys!.PK!.S!));
        return { batchItemFailures: [] };
      },
    };
    const start = () =>
      startStreamPollers({
        endpoint: cloud().endpoints.dynamodb, tables: [{ id, stream: { consumer: 'inline', batchSize: 10 } }], stage: 'local',
        runtime, checkpointFile, intervalMs: 100, log: (m) => logs.push(m),
      });
    const write = (PK: string) => raw.send(new PutItemCommand({ TableName, Item: { PK: { S: PK } } }));
    try {
      await write('a');
      await write('b');
      let pollers = start();
      await eventually(async () => received.flat().includes('b'));
      await pollers.stop();
      const streamArn = (await raw.send(new DescribeTableCommand({ TableName }))).Table!.LatestStreamArn!;
      const saved = JSON.parse(readFileSync(checkpointFile, 'utf8'));
      const shards = Object.values(saved.streams[streamArn].shards) as Array<{ sequenceNumber: string }>;
      expect(shards).toHaveLength(1);
      expect(saved.streams[streamArn].table).toBe(id);

      await write('c');
      received.length = 0;
      pollers = start();
      await eventually(async () => received.flat().includes('c'));
      await new Promise((r) => setTimeout(r, 500));
      await pollers.stop();
      expect(received.flat()).toEqual(['c']);
      expect(logs).toEqual([]);

      // Without the checkpoint file it is a first start: the stream is read from its oldest record.
      rmSync(checkpointFile);
      received.length = 0;
      pollers = start();
      await eventually(async () => received.flat().length >= 3);
      await pollers.stop();
      expect(received.flat()).toEqual(['a', 'b', 'c']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await raw.send(new DeleteTableCommand({ TableName }));
    }
  });

  it('checkpoint store: never moves a shard backwards, survives a reload, and starts over from an unreadable file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sifasuo-streams-'));
    const file = join(dir, 'streams.json');
    try {
      const store = new CheckpointStore(file);
      store.set('arn:1', 't', 'shard-1', '000000000000000000010');
      store.set('arn:1', 't', 'shard-1', '000000000000000000009');
      store.set('arn:1', 't', 'shard-2', '100');
      store.finish('arn:1', 't', 'shard-2');
      const again = new CheckpointStore(file);
      expect(again.get('arn:1', 'shard-1')?.sequenceNumber).toBe('000000000000000000010');
      expect(again.get('arn:1', 'shard-2')).toMatchObject({ sequenceNumber: '100', finished: true });
      // Shards the stream no longer lists (trimmed) and older streams of the same table are forgotten.
      again.set('arn:0', 't', 'shard-0', '1');
      again.prune('arn:1', 't', new Set(['shard-2']));
      const pruned = new CheckpointStore(file);
      expect(pruned.get('arn:1', 'shard-1')).toBeUndefined();
      expect(pruned.get('arn:0', 'shard-0')).toBeUndefined();
      expect(pruned.get('arn:1', 'shard-2')?.finished).toBe(true);

      writeFileSync(file, '{not json');
      const logs: string[] = [];
      const fresh = new CheckpointStore(file, (m) => logs.push(m));
      expect(fresh.get('arn:1', 'shard-2')).toBeUndefined();
      expect(logs.join('\n')).toContain('unreadable');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('schedules', () => {
  it('runs a schedule by hand with a Scheduler-shaped event, optionally at a given time', async () => {
    const run = await api(`/__local/schedules/${PROBE_SCHEDULE}/run`, { method: 'POST', body: { time: '2026-01-01T00:00:00.000Z' } });
    expect(run.status).toBe(200);
    expect(run.body).toEqual({ schedule: PROBE_SCHEDULE, result: { ok: true, time: '2026-01-01T00:00:00Z' } });
    const seen = probeEntries().filter((e) => e.kind === 'schedule').at(-1);
    expect(seen.event).toMatchObject({
      'detail-type': 'Scheduled Event', source: 'aws.scheduler', time: '2026-01-01T00:00:00Z',
      resources: [`arn:aws:scheduler:us-east-1:000000000000:schedule/default/sifasuo-local-${PROBE_SCHEDULE}`],
    });
    expect(seen.functionName).toBe('sifasuo-local-test-probe-schedule');
  });

  // (The production audit digest is run by tests/integration/audit.test.ts; running it here too would
  // move its chain forward and race that test.)
  it('404s an unknown schedule and refuses a bad time', async () => {
    expect((await api('/__local/schedules/no-such/run', { method: 'POST' })).status).toBe(404);
    expect((await api(`/__local/schedules/${PROBE_SCHEDULE}/run`, { method: 'POST', body: { time: 'yesterday' } })).status).toBe(400);
  });
});

describe('portal hosting', () => {
  it('serves the SPA (or the not-built page) and never leaves web/dist', async () => {
    const page = await fetch(`${cloud().url}/offices/0101`);
    expect([200, 503]).toContain(page.status);
    expect(page.headers.get('content-type')).toContain('text/html');
    for (const path of ['/..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/assets/../../package.json']) {
      const r = await fetch(`${cloud().url}${path}`);
      expect(await r.text()).not.toContain('"workspaces"');
    }
  });
});

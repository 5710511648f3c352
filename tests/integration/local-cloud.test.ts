// The local cloud itself: the gateway behaves like API Gateway HTTP API + its Lambda authorizer (REQUEST,
// payload 2.0, simple responses, answers cached per Authorization value), each data folder has its own
// session-signing key, the event bus routes by the wiring's rules, SQS pollers honour partial batches
// and DLQ redrive, DynamoDB stream pollers deliver changes in order with Lambda's partial batch
// semantics and resume from persisted checkpoints, and schedules can be run by hand. Uses the real
// emulators and the test-only probe wiring (tests/support/test-wiring.ts).
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createPrivateKey } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
// The gateway and stream poller modules alone (no emulators).
import { AuthorizerCache, simpleResponse } from '@sifasuo/local-cloud/src/gateway';
import { CheckpointStore, startStreamPollers, type StreamRuntime } from '@sifasuo/local-cloud/src/streams';
import { ensureSigningKey } from '@sifasuo/local-cloud/src/signing-key';
import { AUTHORIZER_CACHE_SECONDS } from '@sifasuo/wiring';
import { startOwnCloud } from '../support/own-cloud';
import { api, cloud, credentials, dynamo, eventBridge, eventually, localName, login, queueUrl, region, sqs } from '../support/cloud';
import {
  PROBE_DETAIL_TYPE,
  PROBE_QUEUE,
  PROBE_SCHEDULE,
  PROBE_SOURCE,
  PROBE_STREAM_TABLE,
  probeLog,
} from '../support/test-wiring';

jest.setTimeout(60_000);

const probeEntries = (): any[] => {
  const file = probeLog(cloud().pid);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
};

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

describe('Lambda authorizer', () => {
  let n = 0;
  /** A token the probe authorizer reads: `<verdict>-<unique>`. */
  const token = (verdict: string) => `Bearer ${verdict}-${Date.now()}-${++n}`;
  const authz = (authorization?: string, path = '/api/__test/authz/x') => api(path, authorization === undefined ? {} : { headers: { authorization } });
  /** The probe authorizer's invocations for one Authorization value. */
  const calls = (authorization: string) => probeEntries().filter((e) => e.kind === 'authorizer' && e.event.identitySource[0] === authorization);
  const allCalls = () => probeEntries().filter((e) => e.kind === 'authorizer').length;

  it('answers 401 {"message":"Unauthorized"} without an Authorization header, or with an empty one, invoking nothing', async () => {
    const before = allCalls();
    for (const authorization of [undefined, '', '   ']) {
      const r = await authz(authorization);
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ message: 'Unauthorized' });
      expect(r.headers.get('apigw-requestid')).toBeTruthy();
    }
    // The same for a route behind the wiring's session authorizer, whether or not its module exists yet.
    expect(await api('/api/__test/session')).toMatchObject({ status: 401, body: { message: 'Unauthorized' } });
    expect(allCalls()).toBe(before);
  });

  it('hands the authorizer a payload 2.0 REQUEST event, and the function its context under requestContext.authorizer.lambda', async () => {
    const authorization = token('allow');
    const r = await api('/api/__test/authz/a%20b?x=1&x=2', { headers: { authorization, cookie: 'k1=v1; k2=v2', 'X-Custom': 'Yes' } });
    expect(r.status).toBe(201);
    const [call] = calls(authorization);
    const event = call.event;
    expect(event).toMatchObject({
      version: '2.0',
      type: 'REQUEST',
      routeArn: 'arn:aws:execute-api:us-east-1:000000000000:local/$default/GET/api/__test/authz/a%20b',
      identitySource: [authorization],
      routeKey: 'GET /api/__test/authz/{id}',
      rawPath: '/api/__test/authz/a%20b',
      rawQueryString: 'x=1&x=2',
      cookies: ['k1=v1', 'k2=v2'],
      queryStringParameters: { x: '1,2' },
      pathParameters: { id: 'a b' },
      requestContext: {
        accountId: '000000000000', apiId: 'local', stage: '$default', routeKey: 'GET /api/__test/authz/{id}',
        http: { method: 'GET', path: '/api/__test/authz/a%20b' },
      },
    });
    expect(event.headers).toMatchObject({ authorization, 'x-custom': 'Yes' });
    expect(event.headers.cookie).toBeUndefined();
    expect(event.requestContext.authorizer).toBeUndefined();
    expect(event.body).toBeUndefined();

    // The function's event: the same request, one request id, and the authorizer's context as it was given.
    const api2 = r.body.event;
    expect(api2.requestContext.requestId).toBe(event.requestContext.requestId);
    expect(r.headers.get('apigw-requestid')).toBe(event.requestContext.requestId);
    expect(api2.requestContext.authorizer).toEqual({
      lambda: { state: 'active', username: authorization.slice('Bearer '.length), roles: 'office_staff', expiresAt: 4102444800, invocation: call.invocation, nested: { a: [1] } },
    });
    // Routes without auth get no authorizer at all.
    expect((await api('/api/__test/echo/x')).body.event.requestContext.authorizer).toBeUndefined();
  });

  it('answers 403 {"message":"Forbidden"} when the authorizer refuses, and 500 when it throws, times out or gives no simple response', async () => {
    const denied = await authz(token('deny'));
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({ message: 'Forbidden' });
    for (const verdict of ['throw', 'slow', 'malformed']) {
      const r = await authz(token(verdict));
      expect({ verdict, status: r.status, body: r.body }).toEqual({ verdict, status: 500, body: { message: 'Internal Server Error' } });
    }
  });

  it('reuses an answer per Authorization value for authorizerCacheSeconds — allow and deny alike, on any route — but never a failure', async () => {
    const ttl = cloud().authorizerCacheSeconds;
    // The test cloud is started with a short TTL (tests/support/global-setup.mjs); AWS and npm start use the wiring's.
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThan(AUTHORIZER_CACHE_SECONDS);
    const allow = token('allow');
    const deny = token('deny');
    const failing = token('throw');
    const t0 = Date.now();
    const first = await authz(allow);
    // The answer was cached before this instant, so it has expired by tFirst + TTL.
    const tFirst = Date.now();
    expect((await authz(allow, '/api/__test/authz/y')).status).toBe(201);
    expect((await authz(deny)).status).toBe(403);
    expect((await authz(deny)).status).toBe(403);
    expect((await authz(failing)).status).toBe(500);
    expect((await authz(failing)).status).toBe(500);
    const again = await authz(allow);
    // All within the TTL (else the counts below would not be about the cache).
    expect(Date.now() - t0).toBeLessThan(ttl * 1000);
    expect(first.status).toBe(201);
    expect(again.body.event.requestContext.authorizer).toEqual(first.body.event.requestContext.authorizer);
    expect(calls(allow)).toHaveLength(1);
    expect(calls(deny)).toHaveLength(1);
    expect(calls(failing)).toHaveLength(2);

    // Past the TTL the authorizer is asked again, and its new answer is the one passed on.
    await new Promise((r) => setTimeout(r, tFirst + ttl * 1000 + 50 - Date.now()));
    const later = await authz(allow);
    expect(later.status).toBe(201);
    expect(calls(allow)).toHaveLength(2);
    expect(later.body.event.requestContext.authorizer.lambda.invocation).toBe(calls(allow)[1].invocation);
  });

  it('loads the authorizer module once (one cold start), however many requests come at once', async () => {
    const tokens = Array.from({ length: 6 }, () => token('allow'));
    const answers = await Promise.all(tokens.map((t) => authz(t)));
    expect(answers.map((a) => a.status)).toEqual(tokens.map(() => 201));
    const instances = new Set(probeEntries().filter((e) => e.kind === 'authorizer').map((e) => e.instance));
    expect(instances.size).toBe(1);
  });

  it('cache: expires answers after the TTL, caches nothing at TTL 0, and stays bounded (expired first, then oldest)', () => {
    let now = 0;
    const yes = { isAuthorized: true, context: {} };
    const cache = new AuthorizerCache(2, 3, () => now);
    cache.set('a', yes);
    expect(cache.get('a')).toBe(yes);
    now = 1999;
    expect(cache.get('a')).toBe(yes);
    now = 2000;
    expect(cache.get('a')).toBeUndefined();
    // Full: the expired entries go first, then the oldest live one.
    now = 10_000;
    cache.set('b', yes);
    now = 11_000;
    cache.set('c', yes);
    cache.set('d', yes);
    now = 12_500; // b has expired, c and d have not
    cache.set('e', yes);
    expect(cache.size).toBe(3);
    expect([cache.get('b'), cache.get('c'), cache.get('d'), cache.get('e')].map(Boolean)).toEqual([false, true, true, true]);
    cache.set('f', yes);
    expect(cache.size).toBe(3);
    expect([cache.get('c'), cache.get('d'), cache.get('e'), cache.get('f')].map(Boolean)).toEqual([false, true, true, true]);
    const off = new AuthorizerCache(0);
    off.set('a', yes);
    expect(off.get('a')).toBeUndefined();
  });

  it('reads simple responses only: isAuthorized a boolean, context an object if given', () => {
    expect(simpleResponse({ isAuthorized: true, context: { a: 1 } })).toEqual({ isAuthorized: true, context: { a: 1 } });
    expect(simpleResponse({ isAuthorized: false })).toEqual({ isAuthorized: false, context: {} });
    for (const bad of [undefined, null, 'yes', [], {}, { isAuthorized: 'true' }, { isAuthorized: true, context: 'x' }, { isAuthorized: true, context: [1] }]) {
      expect(simpleResponse(bad)).toBeUndefined();
    }
  });
});

describe("the wiring's session authorizer", () => {
  it('marks a token it did not issue as refused (the API answers 401 with why), and lets a signed-in user through', async () => {
    const forged = await api('/api/auth/me', { token: 'not-a-session-token' });
    expect(forged.status).toBe(401);
    expect(forged.body).toEqual({ code: 'UNAUTHENTICATED', message: '登录令牌无效' });
    const token = await login('admin');
    const me = await api('/api/auth/me', { token });
    expect(me.status).toBe(200);
    expect(me.body.username).toBe('admin');
  });
});

describe('signing key and environment', () => {
  it("keeps the data folder's EC P-256 key in signing-key.pem (PKCS8, mode 0600) and gives signing functions SIGNING_KEY=file:<path>", async () => {
    const { signingKeyFile, dataDir } = cloud();
    expect(signingKeyFile).toBe(join(dataDir, 'signing-key.pem'));
    expect(statSync(signingKeyFile).mode & 0o777).toBe(0o600);
    const pem = readFileSync(signingKeyFile, 'utf8');
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const key = createPrivateKey(pem);
    expect(key.asymmetricKeyType).toBe('ec');
    expect(key.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    // One process runs every function, so all of them see the union of their environments.
    const env = await api('/api/__test/env');
    expect(env.body).toEqual({ SIGNING_KEY: `file:${signingKeyFile}`, ORIGIN_SECRET: null });
  });

  it('makes a key once per folder, keeps it, and refuses a file that is not one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sifasuo-key-'));
    try {
      const file = ensureSigningKey(dir);
      const first = readFileSync(file, 'utf8');
      expect(ensureSigningKey(dir)).toBe(file);
      expect(readFileSync(file, 'utf8')).toBe(first);
      writeFileSync(file, 'not a key');
      expect(() => ensureSigningKey(dir)).toThrow(/EC P-256/);
      expect(readFileSync(file, 'utf8')).toBe('not a key');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a restart keeps the key, --reset makes a new one; ORIGIN_SECRET from the shell is ignored (no CloudFront locally)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sifasuo-reset-'));
    const dataDir = join(dir, 'data');
    /** Starts a cloud on `dataDir`, calls the health route, stops it; returns the key and the health status. */
    const startStop = async (...args: string[]) => {
      const own = await startOwnCloud({ args: ['--data-dir', dataDir, '--no-seed', ...args], env: { ORIGIN_SECRET: 'from-a-deployment' } });
      try {
        const health = await fetch(`${own.ready.url}/api/health`);
        return { key: readFileSync(join(dataDir, 'signing-key.pem'), 'utf8'), mode: statSync(join(dataDir, 'signing-key.pem')).mode & 0o777, health: health.status, log: own.output() };
      } finally {
        await own.stop();
      }
    };
    try {
      const first = await startStop();
      expect(first.mode).toBe(0o600);
      expect(first.health).toBe(200);
      expect(first.log).toContain('ORIGIN_SECRET is set in this shell');
      const again = await startStop();
      expect(again.key).toBe(first.key);
      const reset = await startStop('--reset');
      expect(reset.mode).toBe(0o600);
      expect(reset.key).not.toBe(first.key);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
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
    const admin = await login('admin');
    const run = await api(`/__local/schedules/${PROBE_SCHEDULE}/run`, { method: 'POST', token: admin, body: { time: '2026-01-01T00:00:00.000Z' } });
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
  it('404s an unknown schedule and refuses a bad time; only the county admin runs a job', async () => {
    const admin = await login('admin');
    expect((await api('/__local/schedules/no-such/run', { method: 'POST', token: admin })).status).toBe(404);
    expect((await api(`/__local/schedules/${PROBE_SCHEDULE}/run`, { method: 'POST', token: admin, body: { time: 'yesterday' } })).status).toBe(400);
    // Only the county admin runs jobs (issue 6 §9): no token 401, another role 403.
    expect((await api(`/__local/schedules/${PROBE_SCHEDULE}/run`, { method: 'POST' })).status).toBe(401);
    expect((await api(`/__local/schedules/${PROBE_SCHEDULE}/run`, { method: 'POST', token: 'forged' })).status).toBe(401);
    expect((await api(`/__local/schedules/${PROBE_SCHEDULE}/run`, { method: 'POST', token: await login('leader') })).status).toBe(403);
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

// The local cloud itself: the gateway behaves like API Gateway HTTP API + the Cognito JWT authorizer,
// the event bus routes by the wiring's rules, SQS pollers honour partial batches and DLQ redrive, and
// schedules can be run by hand. Uses the real emulators and the test-only probe wiring
// (tests/support/test-wiring.ts).
import { existsSync, readFileSync } from 'node:fs';
import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
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
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { api, cloud, cognito, eventBridge, eventually, login, queueUrl, sqs } from '../support/cloud';
import { PROBE_DETAIL_TYPE, PROBE_QUEUE, PROBE_SCHEDULE, PROBE_SOURCE, probeLog } from '../support/test-wiring';

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

// The API adapter's edge checks (functions/src/shared/http.ts), called as Lambda would call it: behind
// CloudFront only requests with the origin secret are served and the viewer's address is the source;
// the session authorizer's answer decides who asks, and a refused or run-out one is a 401 saying why;
// no body can make a 500 (415 for one not declared JSON, 400 for one nested too deep or too large).
import { fileReply, route, type ContextWiring } from '@sifasuo/wiring/src/types';
import { forbidden, hiddenRecord, notFound } from '@sifasuo/domain';
import * as z from 'zod';
import { apiHandler, bodyString, fileAnswer, ok, PDF_TYPE } from '../../functions/src/shared/http';
import { isJsonContentType, jsonDepthExceeds } from '../../functions/src/shared/json-body';

const wiring = {
  context: 'probe',
  routes: [
    route('GET', '/api/probe/open', 'probe-api', { auth: 'none' }),
    route('GET', '/api/probe/who', 'probe-api'),
    route('GET', '/api/probe/file.pdf', 'probe-api', { auth: 'none', response: fileReply() }),
  ],
} as unknown as Pick<ContextWiring, 'context' | 'routes'>;

type Probe = { ctx: { sourceIp?: string; actor?: { username: string; roles: string[] }; sessionId?: string } };
const handler = apiHandler(wiring, 'probe-api' as never, {
  'GET /api/probe/open': { handle: async ({ ctx }: Probe) => ok({ ip: ctx.sourceIp }) },
  'GET /api/probe/who': { handle: async ({ ctx }: Probe) => ok({ who: ctx.actor?.username, roles: ctx.actor?.roles, session: ctx.sessionId }) },
  'GET /api/probe/file.pdf': { handle: async () => fileAnswer({ contentType: PDF_TYPE, fileName: '人民调解协议书 "A".pdf', bytes: FILE_BYTES }) },
} as never);
const FILE_BYTES = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x80]);

const event = (routeKey: string, headers: Record<string, string> = {}, lambda?: Record<string, unknown>) => ({
  version: '2.0', routeKey, rawPath: routeKey.split(' ')[1], rawQueryString: '', headers, isBase64Encoded: false,
  requestContext: { requestId: 'r1', http: { method: 'GET', path: routeKey.split(' ')[1], sourceIp: '54.222.1.1' }, ...(lambda ? { authorizer: { lambda } } : {}) },
});
const call = async (e: ReturnType<typeof event>) => {
  const r = (await handler(e as never, { awsRequestId: 'r1' } as never)) as { statusCode: number; body: string };
  return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : undefined };
};

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

describe('behind CloudFront (ORIGIN_SECRET set)', () => {
  beforeAll(() => {
    process.env.ORIGIN_SECRET = 'the-secret';
  });
  afterAll(() => {
    delete process.env.ORIGIN_SECRET;
  });

  it('refuses a request that did not come through CloudFront, before anything else', async () => {
    expect(await call(event('GET /api/probe/open'))).toEqual({ status: 403, body: { code: 'FORBIDDEN', message: '请通过门户访问' } });
    expect((await call(event('GET /api/probe/open', { 'x-origin-verify': 'a-guess' }))).status).toBe(403);
  });

  it("takes the viewer's address CloudFront forwards (IPv4 and IPv6), not the edge's", async () => {
    const via = (viewer?: string) => call(event('GET /api/probe/open', { 'x-origin-verify': 'the-secret', ...(viewer ? { 'cloudfront-viewer-address': viewer } : {}) }));
    expect((await via('203.0.113.7:51234')).body).toEqual({ ip: '203.0.113.7' });
    expect((await via('2001:db8::1:443')).body).toEqual({ ip: '2001:db8::1' });
    expect((await via()).body).toEqual({ ip: '54.222.1.1' });
  });
});

describe('the session authorizer decides who asks', () => {
  it('an active session: the actor as the user record says now', async () => {
    const r = await call(event('GET /api/probe/who', {}, {
      state: 'active', username: 'staff-0101', displayName: '城关所工作人员', roles: 'office_staff', officeId: '0101', sessionId: 's1', expiresAt: inAnHour(),
    }));
    expect(r).toEqual({ status: 200, body: { who: 'staff-0101', roles: ['office_staff'], session: 's1' } });
  });

  it('a refused one is a 401 with the reason; so is an answer reused past the token’s expiry', async () => {
    expect(await call(event('GET /api/probe/who', {}, { state: 'refused', reason: '已被管理员强制下线' }))).toEqual({
      status: 401, body: { code: 'UNAUTHENTICATED', message: '已被管理员强制下线' },
    });
    const expired = { state: 'active', username: 'x', roles: 'office_staff', sessionId: 's', expiresAt: Math.floor(Date.now() / 1000) - 1 };
    expect((await call(event('GET /api/probe/who', {}, expired))).body.message).toBe('登录令牌已过期');
    expect((await call(event('GET /api/probe/who'))).status).toBe(401);
  });
});

describe('nothing a caller sends makes a 500', () => {
  const bodyWiring = {
    context: 'probe',
    routes: [
      route('POST', '/api/probe/things', 'probe-body', { body: z.strictObject({ id: z.string().max(10) }) }),
      route('POST', '/api/probe/ping', 'probe-body'),
    ],
  } as unknown as Pick<ContextWiring, 'context' | 'routes'>;
  const refusals: { targetId: string; outcome: string }[] = [];
  let targetOf: (raw: unknown) => string = (raw) => bodyString(raw, 'id');
  const bodyHandler = apiHandler(
    bodyWiring,
    'probe-body' as never,
    {
      'POST /api/probe/things': {
        audit: { action: 'probe.create', targetId: ({ raw }: { raw: unknown }) => targetOf(raw) },
        handle: async ({ body }: { body: { id: string } }) => ok({ got: body.id }),
      },
      'POST /api/probe/ping': { handle: async () => ok({ pong: true }) },
    } as never,
    async (_ctx, refusal) => {
      refusals.push({ targetId: refusal.targetId, outcome: refusal.outcome });
    },
  );
  const actor = { state: 'active', username: 'admin', roles: 'county_admin', sessionId: 's1', expiresAt: Math.floor(Date.now() / 1000) + 3600 };
  const post = async (path: string, body: string | undefined, headers: Record<string, string> = { 'content-type': 'application/json' }, base64 = false) => {
    const e = {
      version: '2.0', routeKey: `POST ${path}`, rawPath: path, rawQueryString: '', headers, isBase64Encoded: base64,
      ...(body === undefined ? {} : { body: base64 ? Buffer.from(body).toString('base64') : body }),
      requestContext: { requestId: 'r1', http: { method: 'POST', path, sourceIp: '127.0.0.1' }, authorizer: { lambda: actor } },
    };
    const r = (await bodyHandler(e as never, { awsRequestId: 'r1' } as never)) as { statusCode: number; body: string };
    return { status: r.statusCode, body: r.body ? JSON.parse(r.body) : undefined };
  };
  const nested = (depth: number, inner = '"x"') => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;

  beforeEach(() => {
    refusals.length = 0;
    targetOf = (raw) => bodyString(raw, 'id');
  });

  it('counts nesting over brackets outside strings, without recursion', () => {
    expect(jsonDepthExceeds(nested(32))).toBe(false);
    expect(jsonDepthExceeds(nested(33))).toBe(true);
    expect(jsonDepthExceeds(`{"a":"${'['.repeat(1000)}"}`)).toBe(false);
    expect(jsonDepthExceeds(`{"a":"\\"${'{'.repeat(1000)}"}`)).toBe(false);
    expect(jsonDepthExceeds(`{"a":"\\\\",${'{"b":'.repeat(40)}1${'}'.repeat(40)}}`)).toBe(true);
    expect(jsonDepthExceeds('['.repeat(5_000_000))).toBe(true);
  });

  it('refuses JSON nested too deep with a 400 before parsing it, and audits the refusal', async () => {
    const r = await post('/api/probe/things', `{"id":${nested(5000)}}`);
    expect(r).toEqual({ status: 400, body: { code: 'VALIDATION', message: '请求体嵌套层级过深', fields: { _: '请求体嵌套不能超过32层' } } });
    expect(refusals).toEqual([{ targetId: '', outcome: 'rejected' }]);
    expect((await post('/api/probe/things', `{"id":${nested(20)}}`)).body.fields).toEqual({ id: expect.any(String) });
  });

  it('refuses a body over 1 MB', async () => {
    const r = await post('/api/probe/things', JSON.stringify({ id: 'x'.repeat(1024 * 1024) }));
    expect(r.status).toBe(400);
    expect(r.body.message).toBe('请求体过大（上限 1 MB）');
  });

  it('answers 415 to a body that does not say it is JSON', async () => {
    const body = '{"id":"a"}';
    for (const headers of <Record<string, string>[]>[{ 'content-type': 'text/plain' }, { 'content-type': 'application/octet-stream' }, {}, { 'content-type': 'application/jsonx' }]) {
      expect(await post('/api/probe/things', body, headers)).toEqual({
        status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '请求体须为 JSON（Content-Type: application/json）' },
      });
    }
    for (const type of ['application/json', 'application/json; charset=utf-8', 'Application/JSON;Charset=UTF-8', 'application/merge-patch+json']) {
      expect(await post('/api/probe/things', body, { 'content-type': type })).toEqual({ status: 200, body: { got: 'a' } });
    }
    expect(await post('/api/probe/things', body, { 'Content-Type': 'application/json' })).toEqual({ status: 200, body: { got: 'a' } });
    expect(await post('/api/probe/things', body, { 'content-type': 'application/octet-stream' }, true)).toMatchObject({ status: 415 });
    // A route without a body ignores whatever is sent.
    expect(await post('/api/probe/ping', nested(5000), { 'content-type': 'text/plain' })).toEqual({ status: 200, body: { pong: true } });
    expect(isJsonContentType(undefined)).toBe(false);
  });

  it("names the target from any parsed body, and a target function's fault is not a 500", async () => {
    for (const v of [null, 0, 1e308, true, 'x'.repeat(100_000), [], [[['id']]], { id: null }, { id: 5 }, { id: { toString: 1 } }, { ['__proto__']: 'x' }]) {
      expect(typeof bodyString(v, 'id')).toBe('string');
    }
    expect(bodyString({ id: 'k'.repeat(500) }, 'id')).toHaveLength(200);
    expect(bodyString(Object.create({ id: 'inherited' }), 'id')).toBe('');
    expect(bodyString({ id: 'own' }, 'toString')).toBe('');
    targetOf = (raw) => String((raw as { id: unknown }).id);
    expect((await post('/api/probe/things', '{"id":{"toString":1}}')).status).toBe(400);
    expect(refusals).toEqual([{ targetId: 'POST /api/probe/things', outcome: 'rejected' }]);
  });
});

describe('every refusal of a signed-in caller is recorded before it is answered', () => {
  const refusalWiring = {
    context: 'probe',
    routes: [route('GET', '/api/probe/records/{id}', 'probe-read'), route('GET', '/api/probe/secret', 'probe-read')],
  } as unknown as Pick<ContextWiring, 'context' | 'routes'>;
  const recorded: { action: string; targetId: string; outcome: string; reason?: string; requestId: string }[] = [];
  let auditStore: 'up' | 'down' = 'up';
  const readHandler = apiHandler(
    refusalWiring,
    'probe-read' as never,
    {
      'GET /api/probe/records/{id}': {
        handle: async ({ path }: { path: { id: string } }) => {
          if (path.id === 'theirs') throw hiddenRecord('记录', '超出数据范围');
          throw notFound('记录');
        },
      },
      'GET /api/probe/secret': {
        handle: async () => {
          throw forbidden('仅审计管理员可以查看');
        },
      },
    } as never,
    async (ctx, refusal) => {
      if (auditStore === 'down') throw new Error('ProvisionedThroughputExceededException');
      recorded.push({ action: refusal.action.action, targetId: refusal.targetId, outcome: refusal.outcome, reason: refusal.reason, requestId: ctx.requestId });
    },
  );
  const get = async (path: string, routeKey: string, pathParameters?: Record<string, string>) => {
    const actor = { state: 'active', username: 'staff-0101', roles: 'office_staff', officeId: '0101', sessionId: 's1', expiresAt: inAnHour() };
    const e = {
      version: '2.0', routeKey, rawPath: path, rawQueryString: '', headers: {}, isBase64Encoded: false, pathParameters,
      requestContext: { requestId: 'gw-1', http: { method: 'GET', path, sourceIp: '127.0.0.1' }, authorizer: { lambda: actor } },
    };
    const r = (await readHandler(e as never, { awsRequestId: 'req-42' } as never)) as { statusCode: number; body: string; headers: Record<string, string> };
    return { status: r.statusCode, body: JSON.parse(r.body), requestId: r.headers['x-request-id'] };
  };

  beforeEach(() => {
    recorded.length = 0;
    auditStore = 'up';
  });

  it('a refused read is recorded as a request on its path, under the id the answer carries', async () => {
    expect(await get('/api/probe/secret', 'GET /api/probe/secret')).toEqual({
      status: 403, body: { code: 'FORBIDDEN', message: '仅审计管理员可以查看' }, requestId: 'req-42',
    });
    expect(recorded).toEqual([{
      action: 'api.request', targetId: 'GET /api/probe/secret', outcome: 'denied', reason: '仅审计管理员可以查看', requestId: 'req-42',
    }]);
  });

  it("a record out of the caller's scope answers exactly as a missing one, and is recorded as a denial", async () => {
    const missing = await get('/api/probe/records/none', 'GET /api/probe/records/{id}', { id: 'none' });
    const hidden = await get('/api/probe/records/theirs', 'GET /api/probe/records/{id}', { id: 'theirs' });
    expect(hidden).toEqual(missing);
    expect(hidden).toEqual({ status: 404, body: { code: 'NOT_FOUND', message: '记录不存在' }, requestId: 'req-42' });
    expect(recorded.map((r) => [r.targetId, r.outcome, r.reason])).toEqual([
      ['GET /api/probe/records/none', 'rejected', '记录不存在'],
      ['GET /api/probe/records/theirs', 'denied', '超出数据范围'],
    ]);
  });

  it('an over-long path parameter is a 404 that is still recorded', async () => {
    const long = 'K'.repeat(3000);
    expect((await get(`/api/probe/records/${long}`, 'GET /api/probe/records/{id}', { id: long })).status).toBe(404);
    expect(recorded).toMatchObject([{ outcome: 'rejected', targetId: `GET /api/probe/records/${long}` }]);
  });

  it('a refusal that cannot be recorded fails the request, and the log raises the alarm', async () => {
    auditStore = 'down';
    // Errors go to standard error, as Lambda ships them to the log group the metric filter reads.
    const logged = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await get('/api/probe/secret', 'GET /api/probe/secret')).toEqual({
        status: 500, body: { code: 'INTERNAL', message: '审计记录未能写入，请求未完成，请稍后重试' }, requestId: 'req-42',
      });
      const lines = logged.mock.calls.map(([chunk]) => String(chunk)).filter((l) => l.includes('AUDIT_WRITE_FAILED'));
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'ERROR', routeKey: 'GET /api/probe/secret', service: 'probe' });
    } finally {
      logged.mockRestore();
    }
  });
});

describe('a file answer (fileReply routes)', () => {
  it('is sent base64-encoded as a download, bytes intact, with the Chinese name per RFC 5987 and an ASCII fallback', async () => {
    const r = (await handler(event('GET /api/probe/file.pdf') as never, { awsRequestId: 'r9' } as never)) as {
      statusCode: number; headers: Record<string, string>; body: string; isBase64Encoded: boolean;
    };
    expect(r.statusCode).toBe(200);
    expect(r.isBase64Encoded).toBe(true);
    expect([...Buffer.from(r.body, 'base64')]).toEqual([...FILE_BYTES]);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.headers['x-request-id']).toBe('r9');
    const disposition = r.headers['content-disposition']!;
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    expect(disposition).not.toMatch(/filename="[^"]*"[^;]*"/);
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(disposition)![1]!)).toBe('人民调解协议书 "A".pdf');
  });
});

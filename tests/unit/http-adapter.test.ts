// The API adapter's edge checks (functions/src/shared/http.ts), called as Lambda would call it: behind
// CloudFront only requests with the origin secret are served and the viewer's address is the source;
// the session authorizer's answer decides who asks, and a refused or run-out one is a 401 saying why.
import { route, type ContextWiring } from '@sifasuo/wiring/src/types';
import { apiHandler, ok } from '../../functions/src/shared/http';

const wiring = {
  context: 'probe',
  routes: [route('GET', '/api/probe/open', 'probe-api', { auth: 'none' }), route('GET', '/api/probe/who', 'probe-api')],
} as unknown as Pick<ContextWiring, 'context' | 'routes'>;

type Probe = { ctx: { sourceIp?: string; actor?: { username: string; roles: string[] }; sessionId?: string } };
const handler = apiHandler(wiring, 'probe-api' as never, {
  'GET /api/probe/open': { handle: async ({ ctx }: Probe) => ok({ ip: ctx.sourceIp }) },
  'GET /api/probe/who': { handle: async ({ ctx }: Probe) => ok({ who: ctx.actor?.username, roles: ctx.actor?.roles, session: ctx.sessionId }) },
} as never);

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

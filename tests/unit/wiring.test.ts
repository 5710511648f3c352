import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  buckets, checkWiring, contexts, deployedFunctions, event, eventRules, events, factEvents, functions, patternOf, queues, routeKey, routePath,
  routes, schedules, seeds, tables, withKit,
} from '@sifasuo/wiring';
import * as z from 'zod';

const root = join(__dirname, '..', '..');

describe('the wiring is consistent', () => {
  it('every function entry exists and exports a handler; API modules handle exactly their routes', async () => {
    for (const fn of [...functions, ...withKit([{ id: 'x', context: 'platform', indexes: [], personalData: false, outbox: true }], []).functions]) {
      expect(existsSync(join(root, fn.entry))).toBe(true);
      // API modules compare their route table with the wiring when they load, and throw on a difference.
      const mod = (await import(join(root, fn.entry))) as { handler?: unknown };
      expect(typeof mod.handler).toBe('function');
    }
  });

  it('routes are unique, under /api/<context>/, and only health, the sign-in steps and the JWKS are open', () => {
    const keys = routes.map(routeKey);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of routes) expect(r.path).toMatch(/^\/api\/[a-z]+(\/|$)/);
    expect(routes.filter((r) => r.auth === 'none').map(routeKey).sort()).toEqual([
      'GET /api/auth/jwks.json', 'GET /api/health', 'POST /api/auth/login', 'POST /api/auth/login/totp',
      'POST /api/auth/login/totp-enrolment', 'POST /api/auth/refresh',
    ]);
    for (const r of routes) expect(functions.find((f) => f.id === r.function)?.kind).toBe('api');
  });

  it('queues, rules and schedules point at things that exist', () => {
    for (const q of queues) expect(functions.find((f) => f.id === q.consumer)?.kind).toBe('consumer');
    for (const r of eventRules) expect(queues.some((q) => q.id === r.targetQueue)).toBe(true);
    for (const s of schedules) expect(functions.find((f) => f.id === s.function)?.kind).toBe('schedule');
    for (const t of tables.filter((x) => x.stream)) expect(functions.find((f) => f.id === t.stream!.consumer)?.kind).toBe('stream');
    for (const s of seeds) expect(functions.find((f) => f.id === s)?.kind).toBe('seed');
  });
});

describe('the joined wiring', () => {
  const decls = { tables, buckets, functions, routes, queues, eventRules, schedules, events, seeds };

  it('refuses duplicate ids and references to nothing', () => {
    expect(() => checkWiring(decls)).not.toThrow();
    expect(() => checkWiring({ ...decls, tables: [...tables, tables[0]!] })).toThrow(/duplicate table org/);
    expect(() => checkWiring({ ...decls, routes: [...routes, { ...routes[0]!, function: 'nope-api' }] })).toThrow(/duplicate route GET \/api\/health.*no function nope-api/);
    const stray = event('org', 'Stray', z.object({}));
    expect(() => checkWiring({ ...decls, eventRules: [{ id: 'x', events: [stray], targetQueue: 'session-guard' }] })).toThrow(/event Stray is not declared/);
    expect(() => checkWiring({ ...decls, seeds: ['org-api'] })).toThrow(/function org-api is a api, not a seed/);
    // Every `jwt` route needs the one session authorizer.
    expect(() => checkWiring({ ...decls, functions: functions.filter((f) => f.kind !== 'authorizer') })).toThrow(/no function is one/);
    const second = { ...functions.find((f) => f.kind === 'authorizer')!, id: 'second-authorizer' };
    expect(() => checkWiring({ ...decls, functions: [...functions, second] })).toThrow(/more than one authorizer/);
    // A batch of more than 10 needs a batching window, as Lambda's event source mapping does.
    const queue = queues[0]!;
    const withQueue = (q: typeof queue) => ({ ...decls, queues: [q, ...queues.slice(1)] });
    expect(() => checkWiring(withQueue({ ...queue, batchSize: 100 }))).toThrow(/needs batchingWindowSeconds/);
    expect(() => checkWiring(withQueue({ ...queue, batchSize: 100, batchingWindowSeconds: 1 }))).not.toThrow();
    expect(() => checkWiring(withQueue({ ...queue, batchSize: 10_001, batchingWindowSeconds: 1 }))).toThrow(/not 1–10,000/);
    expect(() => checkWiring(withQueue({ ...queue, batchingWindowSeconds: 301 }))).toThrow(/not 1–300/);
  });

  it('every context declares its part once; the org seed runs first (the others seed into its county); seeds are never deployed', () => {
    const names = contexts.map((c) => c.context);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['platform', 'auth', 'org', 'audit']));
    expect(seeds[0]).toBe('org-demo-seed');
    expect(deployedFunctions().some((f) => f.kind === 'seed')).toBe(false);
  });

  it('an outbox table gets a stream and the forwarder; fact rules listen to every context with an outbox', () => {
    const kit = withKit([{ id: 't', context: 'platform', indexes: [], personalData: false, outbox: true }], []);
    expect(kit.tables[0]!.stream).toEqual({ consumer: 't-outbox', batchSize: 100 });
    expect(kit.functions).toEqual([expect.objectContaining({ id: 't-outbox', kind: 'stream', entry: 'functions/src/shared/outbox-forwarder.ts', publishesEvents: true })]);
    const rule = { id: 'facts', events: [factEvents.FactRecorded, factEvents.FactRetracted], targetQueue: 'q' };
    expect(patternOf(rule, kit.tables)).toEqual({ source: ['sifasuo.platform'], detailType: ['FactRecorded', 'FactRetracted'] });
    expect(patternOf(eventRules[0]!)).toEqual({ source: ['sifasuo.org'], detailType: ['UserChanged'] });
  });

  it('route paths are built from route keys', () => {
    expect(routePath('GET /api/org/offices/{officeId}/staff', { officeId: '01/02' })).toBe('/api/org/offices/01%2F02/staff');
    expect(routePath('GET /api/health', {})).toBe('/api/health');
  });
});

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { eventRules, functions, queues, routeKey, routes, schedules, tables } from '@sifasuo/wiring';

const root = join(__dirname, '..', '..');

describe('the wiring is consistent', () => {
  it('every function entry exists and exports a handler; API modules handle exactly their routes', async () => {
    for (const fn of functions) {
      expect(existsSync(join(root, fn.entry))).toBe(true);
      // API modules compare their route table with the wiring when they load, and throw on a difference.
      const mod = (await import(join(root, fn.entry))) as { handler?: unknown };
      expect(typeof mod.handler).toBe('function');
    }
  });

  it('routes are unique, under /api/<context>/, and only health and login are open', () => {
    const keys = routes.map(routeKey);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of routes) expect(r.path).toMatch(/^\/api\/[a-z]+(\/|$)/);
    expect(routes.filter((r) => r.auth === 'none').map(routeKey).sort()).toEqual(['GET /api/health', 'POST /api/auth/login']);
    for (const r of routes) expect(functions.find((f) => f.id === r.function)?.kind).toBe('api');
  });

  it('queues, rules and schedules point at things that exist', () => {
    for (const q of queues) expect(functions.find((f) => f.id === q.consumer)?.kind).toBe('consumer');
    for (const r of eventRules) expect(queues.some((q) => q.id === r.targetQueue)).toBe(true);
    for (const s of schedules) expect(functions.find((f) => f.id === s.function)?.kind).toBe('schedule');
    for (const t of tables.filter((x) => x.stream)) expect(functions.find((f) => f.id === t.stream!.consumer)?.kind).toBe('stream');
  });
});

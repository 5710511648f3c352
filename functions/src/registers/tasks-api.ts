// Assigned tasks (交办任务) and the bureau's board: thin adapters to tasks.ts.
import { REGISTERS_AUDIT } from '@sifasuo/domain';
import type { RouteTable } from '../shared/http';
import { created, ok } from '../shared/http';
import { assignmentTarget, tasks } from './tasks';

type Keys =
  | 'POST /api/registers/tasks' | 'GET /api/registers/tasks' | 'GET /api/registers/tasks/board' | 'GET /api/registers/tasks/{taskId}'
  | 'POST /api/registers/tasks/{taskId}/offices/{officeId}/complete';

export const taskRoutes: RouteTable<Keys> = {
  'POST /api/registers/tasks': { audit: { action: REGISTERS_AUDIT['task.assign'], targetId: () => 'new' }, handle: async ({ ctx, body }) => created(await tasks.assign(ctx, body)) },
  'GET /api/registers/tasks': { handle: async ({ ctx, query }) => ok(await tasks.list(ctx, query)) },
  'GET /api/registers/tasks/board': { handle: async ({ ctx, query }) => ok(await tasks.board(ctx, query)) },
  'GET /api/registers/tasks/{taskId}': { handle: async ({ ctx, path }) => ok(await tasks.get(ctx, path.taskId)) },
  'POST /api/registers/tasks/{taskId}/offices/{officeId}/complete': {
    audit: { action: REGISTERS_AUDIT['task.complete'], targetId: ({ path }) => assignmentTarget(path.taskId ?? '', path.officeId ?? '') },
    handle: async ({ ctx, path, body }) => ok(await tasks.complete(ctx, path.taskId, path.officeId, body)),
  },
};

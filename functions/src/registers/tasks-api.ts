// PLACEHOLDER until the tasks part is built: every route answers 500.
import type { RouteTable } from '../shared/http';

type Keys = 'POST /api/registers/tasks' | 'GET /api/registers/tasks' | 'GET /api/registers/tasks/board' | 'GET /api/registers/tasks/{taskId}' | 'POST /api/registers/tasks/{taskId}/offices/{officeId}/complete';
const KEYS: Keys[] = ['POST /api/registers/tasks', 'GET /api/registers/tasks', 'GET /api/registers/tasks/board', 'GET /api/registers/tasks/{taskId}', 'POST /api/registers/tasks/{taskId}/offices/{officeId}/complete'];
export const taskRoutes = Object.fromEntries(
  KEYS.map((k) => [k, { handle: async () => { throw new Error(`${k}: not built yet`); } }]),
) as unknown as RouteTable<Keys>;

// PLACEHOLDER until the leave part is built: every route answers 500.
import type { RouteTable } from '../shared/http';

type Keys = 'POST /api/registers/leave' | 'GET /api/registers/leave' | 'GET /api/registers/leave/{leaveId}' | 'POST /api/registers/leave/{leaveId}/decide' | 'POST /api/registers/leave/{leaveId}/cancel' | 'POST /api/registers/leave/{leaveId}/withdraw' | 'POST /api/registers/absences' | 'GET /api/registers/absences' | 'POST /api/registers/absences/{absenceId}/withdraw';
const KEYS: Keys[] = ['POST /api/registers/leave', 'GET /api/registers/leave', 'GET /api/registers/leave/{leaveId}', 'POST /api/registers/leave/{leaveId}/decide', 'POST /api/registers/leave/{leaveId}/cancel', 'POST /api/registers/leave/{leaveId}/withdraw', 'POST /api/registers/absences', 'GET /api/registers/absences', 'POST /api/registers/absences/{absenceId}/withdraw'];
export const leaveRoutes = Object.fromEntries(
  KEYS.map((k) => [k, { handle: async () => { throw new Error(`${k}: not built yet`); } }]),
) as unknown as RouteTable<Keys>;

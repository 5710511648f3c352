// Leave (请销假) and absences without leave: thin adapters to the use cases in leave.ts.
import type { RouteTable } from '../shared/http';
import { created, ok } from '../shared/http';
import { onOffice, onPath } from './workflow-audit';
import { absences, leave } from './leave';

type Keys =
  | 'POST /api/registers/leave' | 'GET /api/registers/leave' | 'GET /api/registers/leave/{leaveId}' | 'POST /api/registers/leave/{leaveId}/decide'
  | 'POST /api/registers/leave/{leaveId}/cancel' | 'POST /api/registers/leave/{leaveId}/withdraw' | 'POST /api/registers/absences'
  | 'GET /api/registers/absences' | 'POST /api/registers/absences/{absenceId}/withdraw';

export const leaveRoutes: RouteTable<Keys> = {
  'POST /api/registers/leave': { audit: onOffice('leave.request'), handle: async ({ ctx, body }) => created(await leave.request(ctx, body)) },
  'GET /api/registers/leave': { handle: async ({ ctx, query }) => ok(await leave.list(ctx, query)) },
  'GET /api/registers/leave/{leaveId}': { handle: async ({ ctx, path }) => ok(await leave.get(ctx, path.leaveId)) },
  'POST /api/registers/leave/{leaveId}/decide': { audit: onPath('leave.decide', 'leaveId'), handle: async ({ ctx, path, body }) => ok(await leave.decide(ctx, path.leaveId, body)) },
  'POST /api/registers/leave/{leaveId}/cancel': { audit: onPath('leave.cancel', 'leaveId'), handle: async ({ ctx, path, body }) => ok(await leave.cancel(ctx, path.leaveId, body)) },
  'POST /api/registers/leave/{leaveId}/withdraw': {
    audit: onPath('leave.withdraw', 'leaveId'), handle: async ({ ctx, path, body }) => ok(await leave.withdraw(ctx, path.leaveId, body)),
  },
  'POST /api/registers/absences': { audit: onOffice('absence.record'), handle: async ({ ctx, body }) => created(await absences.record(ctx, body)) },
  'GET /api/registers/absences': { handle: async ({ ctx, query }) => ok(await absences.list(ctx, query)) },
  'POST /api/registers/absences/{absenceId}/withdraw': {
    audit: onPath('absence.withdraw', 'absenceId'), handle: async ({ ctx, path, body }) => ok(await absences.withdraw(ctx, path.absenceId, body)),
  },
};

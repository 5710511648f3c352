// registers context JSON routes: thin adapters from requests to use cases, one module per part of the
// context (the declared books, leave and absences, plans and reports, tasks, the homes' cards). Each
// module exports the route table of its part; the compiler checks the parts cover the wiring's routes.
import { registers } from '@sifasuo/wiring/src/registers';
import { auditedApiHandler } from '../shared/audited-api';
import { entryRoutes } from './entries-api';
import { leaveRoutes } from './leave-api';
import { reportRoutes } from './reports-api';
import { summaryRoutes } from './summary-api';
import { taskRoutes } from './tasks-api';

export const handler = auditedApiHandler(registers, 'registers-api', {
  ...entryRoutes,
  ...leaveRoutes,
  ...reportRoutes,
  ...taskRoutes,
  ...summaryRoutes,
});

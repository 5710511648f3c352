// assessment context JSON routes: thin adapters from requests to use cases, one module per part of the
// context (rubrics; runs; scores, drill-down and adjustments; the live month, radar and alerts; funding).
// Each module exports the route table of its part; the compiler checks the parts cover the wiring's routes.
import { assessment } from '@sifasuo/wiring/src/assessment';
import { auditedApiHandler } from '../shared/audited-api';
import { fundingRoutes } from './funding-api';
import { liveRoutes } from './live-api';
import { rubricRoutes } from './rubrics-api';
import { runRoutes } from './runs-api';
import { scoreRoutes } from './scores-api';

export const handler = auditedApiHandler(assessment, 'assessment-api', {
  ...rubricRoutes,
  ...runRoutes,
  ...scoreRoutes,
  ...liveRoutes,
  ...fundingRoutes,
});

// PLACEHOLDER: the scope matrix's cases of leave, absences, reports, tasks and the summary (to be written with them).
import type { RouteKey } from '@sifasuo/wiring';
import type { CaseOf } from './route-cases';
import type { RegisterEntryRouteKey } from './register-entry-cases';

export type RegisterWorkflowRouteKey = Exclude<Extract<RouteKey, `${string} /api/registers/${string}`>, RegisterEntryRouteKey>;
export const REGISTER_WORKFLOW_CASES = {} as { [K in RegisterWorkflowRouteKey]: CaseOf<K> };

// PLACEHOLDER: the scope matrix's cases of the declared books' routes (to be written with them).
import type { RouteKey } from '@sifasuo/wiring';
import type { CaseOf } from './route-cases';

export type RegisterEntryRouteKey = Extract<RouteKey, `${string} /api/registers` | `${string} /api/registers/{register}/${string}` | `${string} /api/registers/uploads`>;
export const REGISTER_ENTRY_CASES = {} as { [K in RegisterEntryRouteKey]: CaseOf<K> };

// Every context's portal part, joined here: a new context is its folder `web/src/<context>/` (pages,
// `api.ts`, `portal.tsx`) plus its import and its entry below. Menu entries follow this order (work
// entries before admin ones).
import { auditPortal } from './audit/portal';
import { authPortal } from './auth/portal';
import { joinPortal } from './kit/portal';
import { orgPortal } from './org/portal';

export const contexts = joinPortal([authPortal, orgPortal, auditPortal]);

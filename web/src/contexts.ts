// Every context's portal part, joined here: a new context is its folder `web/src/<context>/` (pages,
// `api.ts`, `portal.tsx`) and one line below. Menu entries follow this order (work before admin).
import { auditPortal } from './audit/portal';
import { authPortal } from './auth/portal';
import { orgPortal } from './org/portal';
import type { PortalContext } from './kit/portal';

export const contexts: readonly PortalContext[] = [authPortal, orgPortal, auditPortal];

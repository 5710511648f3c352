// Every context's portal part, joined here: a new context is its folder `web/src/<context>/` (pages,
// `api.ts`, `portal.tsx`) plus its import and its entry below. Menu entries follow this order (work
// entries before admin ones: 用户管理, 数据字典, then 登录安全, then 审计日志).
import { assessmentPortal } from './assessment/portal';
import { auditPortal } from './audit/portal';
import { authPortal } from './auth/portal';
import { joinPortal } from './kit/portal';
import { mediationPortal } from './mediation/portal';
import { orgPortal } from './org/portal';
import { registersPortal } from './registers/portal';

export const contexts = joinPortal([orgPortal, mediationPortal, registersPortal, assessmentPortal, authPortal, auditPortal]);

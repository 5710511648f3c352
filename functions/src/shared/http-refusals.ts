// How a refused request is audited (functions that pass a recorder: audited-api.ts): what the request
// named as sent, and the action and target its route's audit declaration picks — computed by total
// functions, so a refusal is never turned into a 500.
import { API_AUDIT, type AuditAction } from '@sifasuo/domain';
import type { RequestContext } from './request-context';

/** What the request named, as sent: `raw` is the body (it failed validation, or was refused). */
export interface RawRequest {
  ctx: RequestContext;
  path: Record<string, string | undefined>;
  query: Record<string, string | undefined>;
  raw: unknown;
}

/**
 * What a refusal's audit record names: the action (from the context's table) and the target. A route
 * without one is recorded as `api.request` on the request itself.
 */
export interface RefusalAudit {
  action: AuditAction;
  targetId: (req: RawRequest) => string;
  /** Only for some requests of the route (the others as `api.request`). */
  when?: (req: RawRequest) => boolean;
}

/** Records a refusal; given by functions that audit (audited-api.ts). */
export type RefusalRecorder = (
  ctx: RequestContext,
  refusal: { action: AuditAction; targetId: string; outcome: 'denied' | 'rejected' | 'failed'; reason?: string },
) => Promise<void>;

/** A string the raw body names under `key`, for a refusal's audit target; anything else names nothing. Total for any value. */
export const bodyString = (raw: unknown, key: string): string => {
  try {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw) || !Object.hasOwn(raw, key)) return '';
    const v = (raw as Record<string, unknown>)[key];
    return typeof v === 'string' ? v.slice(0, 200) : '';
  } catch {
    return '';
  }
};

/**
 * A refusal's action and target, from the route's own functions (or the request itself); they must
 * not turn a refusal into a 500.
 */
export const refusalRecord = (audit: RefusalAudit | undefined, req: RawRequest, request: string): { action: AuditAction; targetId: string } => {
  const asRequest = { action: API_AUDIT.request, targetId: request };
  try {
    if (!audit || (audit.when && !audit.when(req))) return asRequest;
    const target = audit.targetId(req);
    return { action: audit.action, targetId: typeof target === 'string' ? target : '' };
  } catch {
    return asRequest;
  }
};

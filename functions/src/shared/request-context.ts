// Who is asking and when: built once per request (or job run) by the adapter that received it, and
// passed down, so use cases never read the clock or the token themselves.
import type { Actor } from '@sifasuo/domain';

export interface RequestContext {
  actor?: Actor;
  /** The session that signed the request (API requests of signed-in users). */
  sessionId?: string;
  requestId: string;
  sourceIp?: string;
  userAgent?: string;
  now: Date;
}

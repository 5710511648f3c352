// Consumer of org UserChanged events: when a change must end the user's sessions (disabled, roles or
// unit changed — org decides and says why), end them, audited. Ending is idempotent, so a redelivered
// event changes nothing. Access does not wait for this: the authorizer reads the user record itself.
import { AUTH_AUDIT, userChanged } from '@sifasuo/domain';
import { sqsConsumer } from '../shared/consumers';
import { envelopeDetail } from '../shared/events';
import type { RequestContext } from '../shared/request-context';
import { changeAndEndSessions, SYSTEM_ACTOR } from './sessions';
import { authStore } from './store';

export const handler = sqsConsumer('auth', async (envelope, record, { logger }) => {
  const parsed = userChanged.safeParse(envelopeDetail(envelope));
  if (!parsed.success) {
    logger.error('UserChanged without a valid detail; dropped', { issues: parsed.error.issues.length });
    return;
  }
  const { username, endsSessions } = parsed.data;
  if (!endsSessions) return;
  const ctx: RequestContext = { requestId: record.messageId, now: new Date() };
  // A redelivered event finds them ended already: nothing to do, nothing more to audit.
  if (!(await authStore.liveSessions(username, ctx.now)).length) return;
  await changeAndEndSessions(ctx, username, endsSessions, {
    audit: { action: AUTH_AUDIT['end-sessions'], targetId: username, actorName: SYSTEM_ACTOR },
    end: { all: true },
  });
});

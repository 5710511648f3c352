// Consumer of org UserChanged events: makes Cognito mirror the user record as it is *now* (derive,
// don't replay), so duplicated or re-ordered deliveries change nothing. A failed message is reported
// alone; SQS retries it and moves a persistent failure to the DLQ.
import { userChanged } from '@sifasuo/domain';
import { sqsConsumer } from '../shared/consumers';
import { directory } from './directory';
import { orgRepository } from './repository';

export const handler = sqsConsumer('org', async (envelope, _record, { logger }) => {
  const parsed = userChanged.safeParse((envelope as { detail?: unknown })?.detail);
  if (!parsed.success) {
    logger.error('UserChanged without a valid detail; dropped', { issues: parsed.error.issues.length });
    return;
  }
  const user = await orgRepository.getUser(parsed.data.username);
  if (user) await directory.syncUser(user);
});

// Consumer of org UserChanged events: makes Cognito mirror the user record as it is *now* (derive,
// don't replay), so duplicated or re-ordered deliveries change nothing. Failures are reported per
// message; SQS retries them and moves a persistent failure to the DLQ.
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { logger } from '../shared/aws';
import { directory } from './directory';
import { orgRepository } from './repository';

export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      const envelope = JSON.parse(record.body) as { detail?: { username?: unknown } };
      const username = envelope.detail?.username;
      if (typeof username !== 'string') {
        logger.error('UserChanged without a username; dropped', { messageId: record.messageId });
        continue;
      }
      const user = await orgRepository.getUser(username);
      if (user) await directory.syncUser(user);
    } catch (e) {
      logger.error('user sync failed', { error: e as Error, messageId: record.messageId });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};

// The evidence ledger: every context's FactRecorded/FactRetracted events, from the bus through the
// assessment-facts queue. Each write is conditional on the instant it carries, so duplicated and
// re-ordered deliveries converge (a failed condition is an older delivery: nothing to do); what counts
// is decided on reading (`factCounts`). A message that is not one of the two events throws: SQS
// retries it and then parks it in the DLQ.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { FactRetraction, ScorableFact } from '@sifasuo/domain';
import { factEvents } from '@sifasuo/wiring/src/facts';
import { dynamo } from '../shared/aws';
import { sqsConsumer } from '../shared/consumers';
import { assessmentTable, keys } from './keys';

const ignoringOlder = async (write: Promise<unknown>): Promise<'written' | 'older'> => {
  try {
    await write;
    return 'written';
  } catch (e) {
    if (e instanceof ConditionalCheckFailedException) return 'older';
    throw e;
  }
};

export const recordFact = (f: ScorableFact) => {
  const byKind = keys.factByKind(f);
  const [gsiPk, gsiSk] = Object.keys(byKind) as [string, string];
  return ignoringOlder(
    dynamo().send(
      new UpdateCommand({
        TableName: assessmentTable(),
        Key: keys.fact(f),
        UpdateExpression: 'SET fact = :f, occurredAt = :o, kind = :k, entity = :e, #gpk = :gpk, #gsk = :gsk',
        ConditionExpression: 'attribute_not_exists(occurredAt) OR occurredAt <= :o',
        ExpressionAttributeNames: { '#gpk': gsiPk, '#gsk': gsiSk },
        ExpressionAttributeValues: { ':f': f, ':o': f.occurredAt, ':k': f.kind, ':e': 'fact', ':gpk': byKind[gsiPk], ':gsk': byKind[gsiSk] },
      }),
    ),
  );
};

export const retractLedgerFact = (r: FactRetraction) =>
  ignoringOlder(
    dynamo().send(
      new UpdateCommand({
        TableName: assessmentTable(),
        Key: keys.fact(r),
        UpdateExpression: 'SET retractedAt = :r',
        ConditionExpression: 'attribute_not_exists(retractedAt) OR retractedAt < :r',
        ExpressionAttributeValues: { ':r': r.retractedAt },
      }),
    ),
  );

export const handler = sqsConsumer('assessment', async (envelope, _record, { logger }) => {
  const e = (envelope ?? {}) as { 'detail-type'?: unknown; detail?: unknown };
  if (e['detail-type'] === factEvents.FactRecorded.name) {
    const f = factEvents.FactRecorded.detail.parse(e.detail);
    const outcome = await recordFact(f);
    if (outcome === 'older') logger.debug('older recording ignored', { factId: f.id });
    return;
  }
  if (e['detail-type'] === factEvents.FactRetracted.name) {
    const r = factEvents.FactRetracted.detail.parse(e.detail);
    const outcome = await retractLedgerFact(r);
    if (outcome === 'older') logger.debug('older retraction ignored', { factId: r.id });
    return;
  }
  throw new Error(`not a fact event: ${String(e['detail-type']).slice(0, 80)}`);
});

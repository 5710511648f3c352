// The evidence ledger on the real emulators: facts from the bus land once however often they are
// delivered; re-ordered deliveries (a retraction before its recording; recorded, retracted and recorded
// again, delivered backwards) converge on the state the latest instants say; an unreadable message
// fails alone in its batch and, on the queue, is retried and then parked in the DLQ. Its facts are of
// 2019 (no demo data, no other test's month).
import { DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { makeFact, type ScorableFact } from '@sifasuo/domain';
import type { SQSEvent } from 'aws-lambda';
import { dynamo, eventBridge, eventually, localName, queueUrl, sqs } from '../support/cloud';
import { useFunctionEnvironment } from '../support/function-env';
import { LEDGER_POISON_QUEUE } from '../support/test-wiring';

useFunctionEnvironment();

const OFFICE = '0302';
const MONTH = '2019-03';
const tag = Date.now().toString(36);
let serial = 0;
const fact = (name: string, occurredAt: string): ScorableFact =>
  makeFact({ kind: 'registers.study.held', officeId: OFFICE, month: MONTH, occurredAt, ref: { context: 'registers', type: 'study', id: `${tag}-${name}` } });
const retraction = (f: ScorableFact, retractedAt: string) => ({ id: f.id, officeId: f.officeId, month: f.month, retractedAt });

const envelope = (detailType: string, detail: unknown) => ({
  version: '0', id: `${tag}-${++serial}`, 'detail-type': detailType, source: 'sifasuo.registers', account: '000000000000',
  time: new Date().toISOString(), region: 'us-east-1', resources: [], detail,
});
const recorded = (f: ScorableFact) => envelope('FactRecorded', f);
const retracted = (r: ReturnType<typeof retraction>) => envelope('FactRetracted', r);

/** Hands a batch to the ledger function as its queue would (the module, run here against the test cloud). */
const deliver = async (...bodies: unknown[]) => {
  const { handler } = await import('../../functions/src/assessment/ledger');
  const event: SQSEvent = {
    Records: bodies.map((b, i) => ({
      messageId: `${tag}-m${++serial}-${i}`, receiptHandle: 'r', body: typeof b === 'string' ? b : JSON.stringify(b),
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'test', ApproximateFirstReceiveTimestamp: '0' },
      messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:assessment-facts', awsRegion: 'us-east-1',
    })),
  };
  return (await handler(event, { awsRequestId: `${tag}-${serial}`, functionName: 'assessment-ledger' } as never)) as { batchItemFailures: Array<{ itemIdentifier: string }> };
};

const ledgerItem = async (f: ScorableFact) =>
  (await dynamo().send(new GetCommand({ TableName: localName('assessment'), Key: { PK: `FACTS#${f.officeId}#${f.month}`, SK: `FACT#${f.id}` } }))).Item;
const effective = async () => {
  const { effectiveFacts } = await import('../../functions/src/assessment/ledger-repository');
  return (await effectiveFacts(OFFICE, MONTH)).filter((f) => f.ref.id.startsWith(tag));
};

describe('the evidence ledger', () => {
  it('a fact published twice on the bus is one ledger item, counted once', async () => {
    const f = fact('twice', '2019-03-04T09:00:00+08:00');
    for (let i = 0; i < 2; i++) {
      const out = await eventBridge().send(new PutEventsCommand({ Entries: [{ Source: 'sifasuo.registers', DetailType: 'FactRecorded', Detail: JSON.stringify(f) }] }));
      expect(out.FailedEntryCount).toBe(0);
    }
    const item = await eventually(async () => ledgerItem(f), 30_000);
    expect(item).toMatchObject({ fact: f, occurredAt: f.occurredAt, kind: f.kind, GSI1PK: `KIND#${f.kind}#${MONTH}`, GSI1SK: `${OFFICE}#${f.id}` });
    expect((await effective()).filter((e) => e.id === f.id)).toHaveLength(1);
  });

  it('re-ordered deliveries converge on what the latest instants say, whatever the order', async () => {
    // A retraction that arrives before its recording: the fact never counts.
    const early = fact('retracted-first', '2019-03-05T09:00:00+08:00');
    expect((await deliver(retracted(retraction(early, '2019-03-06T09:00:00+08:00')))).batchItemFailures).toEqual([]);
    expect((await deliver(recorded(early), recorded(early))).batchItemFailures).toEqual([]);

    // Recorded (t1), retracted (t2), recorded again (t3): delivered backwards, then forwards again.
    const again = fact('recorded-again', '2019-03-10T09:00:00+08:00');
    const t1 = fact('recorded-again', '2019-03-07T09:00:00+08:00');
    const t2 = retraction(again, '2019-03-08T09:00:00+08:00');
    for (const batch of [[recorded(again)], [retracted(t2)], [recorded(t1)], [recorded(t1), retracted(t2), recorded(again)]]) {
      expect((await deliver(...batch)).batchItemFailures).toEqual([]);
    }

    // Recorded then retracted, the retraction delivered twice and the recording once more after it.
    const gone = fact('gone', '2019-03-11T09:00:00+08:00');
    await deliver(recorded(gone));
    await deliver(retracted(retraction(gone, '2019-03-12T09:00:00+08:00')), retracted(retraction(gone, '2019-03-12T09:00:00+08:00')));
    await deliver(recorded(gone));

    expect(await ledgerItem(again)).toMatchObject({ occurredAt: again.occurredAt, retractedAt: t2.retractedAt, fact: again });
    expect(await ledgerItem(early)).toMatchObject({ occurredAt: early.occurredAt, retractedAt: '2019-03-06T09:00:00+08:00' });
    const counted = (await effective()).map((f) => f.ref.id.slice(tag.length + 1)).filter((n) => n !== 'twice').sort();
    expect(counted).toEqual(['recorded-again']);
  });

  it('unreadable messages in a batch are reported failed, each alone; the others are recorded', async () => {
    const a = fact('batch-a', '2019-03-13T09:00:00+08:00');
    const b = fact('batch-b', '2019-03-14T09:00:00+08:00');
    const out = await deliver(recorded(a), '{not json', envelope('FactRecorded', { ...b, kind: 'no.such.kind' }), envelope('SomethingElse', {}), recorded(b));
    expect(out.batchItemFailures.map((f) => f.itemIdentifier.split('-').pop())).toEqual(['1', '2', '3']);
    expect(await ledgerItem(a)).toBeDefined();
    expect(await ledgerItem(b)).toMatchObject({ fact: b });
  });

  it('the facts queue is set to park a message that keeps failing in its DLQ after five receives (its redrive policy)', async () => {
    const attributes = await sqs().send(new GetQueueAttributesCommand({ QueueUrl: await queueUrl('assessment-facts'), AttributeNames: ['RedrivePolicy'] }));
    const dlq = await sqs().send(new GetQueueAttributesCommand({ QueueUrl: await queueUrl('assessment-facts', { dlq: true }), AttributeNames: ['QueueArn'] }));
    expect(JSON.parse(attributes.Attributes!.RedrivePolicy!)).toEqual({ deadLetterTargetArn: dlq.Attributes!.QueueArn, maxReceiveCount: 5 });
  });

  it('a poison message on a queue of the real ledger consumer is received, fails each time, and is parked in the DLQ', async () => {
    const poison = JSON.stringify(envelope('FactRecorded', { id: `${tag}-poison`, kind: 'no.such.kind' }));
    const good = fact('beside-poison', '2019-03-15T09:00:00+08:00');
    await sqs().send(new SendMessageCommand({ QueueUrl: await queueUrl(LEDGER_POISON_QUEUE), MessageBody: poison }));
    await sqs().send(new SendMessageCommand({ QueueUrl: await queueUrl(LEDGER_POISON_QUEUE), MessageBody: JSON.stringify(recorded(good)) }));
    const dlq = await queueUrl(LEDGER_POISON_QUEUE, { dlq: true });
    const dead = await eventually(async () => {
      const r = await sqs().send(new ReceiveMessageCommand({ QueueUrl: dlq, WaitTimeSeconds: 1, MaxNumberOfMessages: 10 }));
      return r.Messages?.find((m) => m.Body === poison);
    }, 30_000);
    await sqs().send(new DeleteMessageCommand({ QueueUrl: dlq, ReceiptHandle: dead.ReceiptHandle! }));
    // The good message beside it was recorded once and never parked.
    expect(await ledgerItem(good)).toMatchObject({ fact: good });
  });
});

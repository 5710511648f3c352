// The Lambda SQS event source mapping, locally: one long-polling loop per wiring queue that hands
// real-shaped SQSEvent batches (up to the wiring's batchSize, within its batching window) to the
// consumer's handler and honours partial batch responses.
// If the handler throws nothing is deleted: the messages reappear after the visibility timeout and
// fauxqs moves them to the DLQ after maxReceiveCount.
import type { SQSEvent, SQSRecord, SQSBatchResponse } from 'aws-lambda';
import { REGION } from './config';
import type { LambdaRuntime } from './lambda';
import type { QueueInfo } from './sqs';
import type { SqsWire, WireMessage } from './sqs-wire';
import { log, sleep } from './util';

export interface PollerHandle {
  stop(): Promise<void>;
  /** Batches handed to consumers so far, per queue id (for diagnostics). */
  stats: Map<string, { batches: number; failures: number }>;
}

function toRecord(m: WireMessage, q: QueueInfo): SQSRecord {
  const a = m.Attributes ?? {};
  const messageAttributes: SQSRecord['messageAttributes'] = {};
  for (const [k, v] of Object.entries(m.MessageAttributes ?? {})) {
    messageAttributes[k] = {
      dataType: v.DataType ?? 'String',
      ...(v.StringValue !== undefined ? { stringValue: v.StringValue } : {}),
      ...(v.BinaryValue !== undefined ? { binaryValue: v.BinaryValue } : {}),
      stringListValues: v.StringListValues ?? [],
      binaryListValues: v.BinaryListValues ?? [],
    };
  }
  return {
    messageId: m.MessageId,
    receiptHandle: m.ReceiptHandle,
    body: m.Body ?? '',
    attributes: {
      ApproximateReceiveCount: a.ApproximateReceiveCount ?? '1',
      SentTimestamp: a.SentTimestamp ?? String(Date.now()),
      SenderId: a.SenderId ?? 'local',
      ApproximateFirstReceiveTimestamp: a.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
      ...(a.MessageGroupId ? { MessageGroupId: a.MessageGroupId } : {}),
      ...(a.MessageDeduplicationId ? { MessageDeduplicationId: a.MessageDeduplicationId } : {}),
      ...(a.SequenceNumber ? { SequenceNumber: a.SequenceNumber } : {}),
    },
    messageAttributes,
    md5OfBody: m.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: q.arn,
    awsRegion: REGION,
  };
}

export function startPollers(opts: {
  sqs: SqsWire;
  queues: ReadonlyMap<string, QueueInfo>;
  runtime: LambdaRuntime;
  waitTimeSeconds?: number;
}): PollerHandle {
  const abort = new AbortController();
  const stats = new Map<string, { batches: number; failures: number }>();
  const loops: Promise<void>[] = [];

  for (const q of opts.queues.values()) {
    const fn = opts.runtime.fn(q.decl.consumer);
    const s = { batches: 0, failures: 0 };
    stats.set(q.decl.id, s);
    let warnedMissing = false;
    const receive = (waitTimeSeconds: number, upTo: number) =>
      opts.sqs.receiveMessage(
        { QueueUrl: q.url, MaxNumberOfMessages: Math.min(10, upTo), WaitTimeSeconds: waitTimeSeconds, VisibilityTimeout: q.decl.visibilityTimeoutSeconds },
        abort.signal,
      );
    const loop = async () => {
      while (!abort.signal.aborted) {
        try {
          if (!opts.runtime.entryExists(fn)) {
            // The consumer is not written yet: leave the messages in the queue rather than burning receives.
            if (!warnedMissing) log(`queue ${q.decl.id}: consumer ${fn.entry} does not exist yet; not polling`);
            warnedMissing = true;
            await sleep(2000);
            continue;
          }
          const messages = await receive(opts.waitTimeSeconds ?? 1, q.decl.batchSize);
          if (!messages.length) continue;
          // A batch of more than 10 (the wiring's batching window): more receives until it is full,
          // the window is over or the queue is empty.
          const windowEnds = Date.now() + (q.decl.batchingWindowSeconds ?? 0) * 1000;
          while (messages.length < q.decl.batchSize && Date.now() < windowEnds) {
            const more = await receive(0, q.decl.batchSize - messages.length);
            if (!more.length) break;
            messages.push(...more);
          }
          const event: SQSEvent = { Records: messages.map((m) => toRecord(m, q)) };
          s.batches++;
          let failedIds: Set<string>;
          try {
            const out = (await opts.runtime.invoke(fn.id, event)) as SQSBatchResponse | undefined | void;
            failedIds = new Set((out?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
          } catch (err) {
            s.failures++;
            log(`queue ${q.decl.id}: consumer ${fn.id} threw; ${messages.length} message(s) will be retried: ${(err as Error)?.stack ?? err}`);
            continue;
          }
          const done = messages.filter((m) => !failedIds.has(m.MessageId));
          if (failedIds.size) s.failures++;
          // DeleteMessageBatch takes 10 entries a call.
          for (let i = 0; i < done.length; i += 10) {
            await opts.sqs.deleteMessageBatch(
              q.url,
              done.slice(i, i + 10).map((m, n) => ({ Id: String(n), ReceiptHandle: m.ReceiptHandle })),
            );
          }
        } catch (err) {
          if (abort.signal.aborted) break;
          log(`queue ${q.decl.id}: poller error: ${(err as Error)?.message ?? err}`);
          await sleep(1000);
        }
      }
    };
    loops.push(loop());
  }

  return {
    stats,
    async stop() {
      abort.abort();
      await Promise.allSettled(loops);
    },
  };
}

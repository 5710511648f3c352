// The three shapes of non-HTTP function, each on middy with Powertools: a logger named after the
// context, business metrics (records handled and failed; off locally, where POWERTOOLS_DEV is set),
// and for batches Powertools' partial-failure reporting, so one bad record never redoes the batch.
import middy from '@middy/core';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { ContextName } from '@sifasuo/wiring/src/types';
import type { Context, DynamoDBRecord, DynamoDBStreamEvent, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger as rootLogger } from './aws';

export interface ConsumerTools {
  logger: Logger;
  metrics: Metrics;
}

const toolsFor = (context: ContextName): ConsumerTools => ({
  logger: rootLogger.createChild({ serviceName: context }),
  metrics: new Metrics({ namespace: 'sifasuo', serviceName: context }),
});

const wrap = <E, R>(tools: ConsumerTools, fn: (event: E, lambda: Context) => Promise<R>) =>
  middy(fn)
    .use(injectLambdaContext(tools.logger, { clearState: true }))
    .use(logMetrics(tools.metrics));

/**
 * An SQS consumer: each message body (JSON) goes to `handle`; failed messages are reported back, so
 * SQS retries only them and moves a persistent failure to the queue's DLQ.
 */
export const sqsConsumer = (
  context: ContextName,
  handle: (body: unknown, record: SQSRecord, tools: ConsumerTools) => Promise<void>,
) => {
  const tools = toolsFor(context);
  const processor = new BatchProcessor(EventType.SQS);
  return wrap(tools, async (event: SQSEvent, lambda: Context) => {
    const response = await processPartialResponse(
      event,
      async (record: SQSRecord) => {
        try {
          await handle(JSON.parse(record.body), record, tools);
        } catch (e) {
          tools.logger.error('message failed', { error: e as Error, messageId: record.messageId });
          throw e;
        }
      },
      processor,
      { context: lambda },
    );
    count(tools, event.Records.length, response.batchItemFailures.length);
    return response;
  });
};

/**
 * An SQS consumer that handles a batch as a whole (one transaction for many messages, where
 * per-message writes would contend on one item): each body (JSON) is parsed with `parse` — one that
 * fails is reported failed alone (retried, then the DLQ) — and `handle` gets the rest and answers the
 * message ids that failed. If `handle` throws, every message it was given is reported failed.
 */
export const sqsBatchConsumer = <T>(
  context: ContextName,
  parse: (body: unknown) => T,
  handle: (messages: ReadonlyArray<{ messageId: string; body: T }>, tools: ConsumerTools) => Promise<ReadonlySet<string>>,
) => {
  const tools = toolsFor(context);
  return wrap(tools, async (event: SQSEvent) => {
    const failed = new Set<string>();
    const messages: Array<{ messageId: string; body: T }> = [];
    for (const record of event.Records) {
      try {
        messages.push({ messageId: record.messageId, body: parse(JSON.parse(record.body)) });
      } catch (e) {
        tools.logger.error('message unreadable', { error: e as Error, messageId: record.messageId });
        failed.add(record.messageId);
      }
    }
    if (messages.length) {
      try {
        for (const id of await handle(messages, tools)) failed.add(id);
      } catch (e) {
        tools.logger.error('batch failed', { error: e as Error, messages: messages.length });
        for (const m of messages) failed.add(m.messageId);
      }
    }
    count(tools, event.Records.length, failed.size);
    return { batchItemFailures: [...failed].map((itemIdentifier) => ({ itemIdentifier })) };
  });
};

/**
 * A DynamoDB stream consumer: records in order, and the first failure stops the batch — every record
 * after it is reported failed untouched, so the retry starts there and nothing runs out of order.
 */
export const streamConsumer = (
  context: ContextName,
  handle: (record: DynamoDBRecord, tools: ConsumerTools) => Promise<void>,
) => {
  const tools = toolsFor(context);
  const processor = new BatchProcessor(EventType.DynamoDBStreams);
  return wrap(tools, async (event: DynamoDBStreamEvent, lambda: Context) => {
    let failed = false;
    const response = await processPartialResponse(
      event,
      async (record: DynamoDBRecord) => {
        if (failed) throw new Error('not attempted: an earlier record of the batch failed');
        try {
          await handle(record, tools);
        } catch (e) {
          failed = true;
          tools.logger.error('stream record failed', { error: e as Error, eventID: record.eventID });
          throw e;
        }
      },
      processor,
      { context: lambda, processInParallel: false, throwOnFullBatchFailure: false },
    );
    count(tools, event.Records.length, response.batchItemFailures.length);
    return response;
  });
};

/** A scheduled job: `run` gets the instant the schedule fired (the clock of the job). */
export const scheduledJob = <R>(context: ContextName, run: (now: Date, tools: ConsumerTools) => Promise<R>) => {
  const tools = toolsFor(context);
  return wrap(tools, async (event: { time?: string }) => {
    const result = await run(event?.time ? new Date(event.time) : new Date(), tools);
    tools.metrics.addMetric('jobsCompleted', MetricUnit.Count, 1);
    return result;
  });
};

const count = (tools: ConsumerTools, records: number, failures: number) => {
  tools.metrics.addMetric('recordsHandled', MetricUnit.Count, records - failures);
  if (failures) tools.metrics.addMetric('recordsFailed', MetricUnit.Count, failures);
};

// Domain events onto the bus (EventBridge in AWS, the local cloud's bus locally). Source is
// `sifasuo.<context>`, detail-type `<Entity><PastTense>` (house style).
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { eventSource, type ContextName } from '@sifasuo/wiring';
import { eventBridge, eventBusName } from './aws';

export const publishEvent = async (context: ContextName, detailType: string, detail: Record<string, unknown>): Promise<void> => {
  const result = await eventBridge().send(
    new PutEventsCommand({
      Entries: [{ EventBusName: eventBusName(), Source: eventSource(context), DetailType: detailType, Detail: JSON.stringify(detail) }],
    }),
  );
  if (result.FailedEntryCount) {
    throw new Error(`event ${detailType} was not accepted: ${result.Entries?.[0]?.ErrorMessage ?? 'unknown error'}`);
  }
};

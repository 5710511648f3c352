// A stand-in producer for the facts tests: writes a record into the test outbox table with its facts
// (and retractions) through the kit's audited write — the very path every context uses. `POST
// /api/__test/facts/{id}` with `{ facts, retractions }`; writing an id twice is a 409 and writes nothing.
import { AUTH_AUDIT, isDomainError, makeFact, type FactRetraction } from '@sifasuo/domain';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createAudited } from '../../functions/src/shared/audited';

type FactInput = Parameters<typeof makeFact>[0];

const json = (statusCode: number, body: unknown) => ({ statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export const handler = async (event: APIGatewayProxyEventV2) => {
  const id = event.pathParameters?.id ?? '';
  const input = JSON.parse(event.body ?? '{}') as { facts?: FactInput[]; retractions?: FactRetraction[] };
  // A fact the schema refuses throws here, before anything is written.
  const facts = (input.facts ?? []).map(makeFact);
  const retractions = input.retractions ?? [];
  const ctx = { requestId: event.requestContext.requestId, now: new Date() };
  const table = process.env.TABLE_TEST_FACTS!;
  try {
    await createAudited(
      ctx, table, { PK: `RECORD#${id}`, SK: 'RECORD', entity: 'record', id },
      // Any action will do for the probe's audit record; the write path is what is under test.
      { action: AUTH_AUDIT.login, targetId: id, actorName: 'facts-probe' },
      `记录 ${id} 已存在`,
      { context: 'platform', table, facts, retractions },
    );
  } catch (e) {
    if (isDomainError(e)) return json(409, { code: e.code, message: e.message });
    throw e;
  }
  return json(201, { facts: facts.map((f) => f.id) });
};

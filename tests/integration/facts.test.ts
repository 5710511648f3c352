// Scorable facts cannot be lost: a producer writes them as outbox items in the same transaction as
// the record that earns them; the table's stream runs the kit's outbox forwarder, which publishes
// them as declared events; a rule takes them to a queue (here the test's stand-in for the
// assessment's). Written through tests/support/facts-probe.ts, which uses the kit's audited write.
import { existsSync, readFileSync } from 'node:fs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { factIdOf } from '@sifasuo/domain';
import { api, cloud, dynamo, eventually, localName } from '../support/cloud';
import { FACTS_TABLE, probeLog } from '../support/test-wiring';

interface Delivery {
  kind: string;
  id?: string;
  record: { body: string };
}

/** Fact events the probe consumer received from the facts queue, by fact id. */
const received = (): Delivery[] => {
  const file = probeLog(cloud().pid);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Delivery)
    .filter((d) => d.kind === 'sqs' && /^Fact(Recorded|Retracted)$/.test(JSON.parse(d.record.body)['detail-type'] ?? ''));
};
const timesReceived = (id: string) => received().filter((d) => d.id === id).length;
const envelopeOf = (id: string) => JSON.parse(received().find((d) => d.id === id)!.record.body);

const run = `${Date.now().toString(36)}`;
const fact = (recordId: string, n: number) => ({
  kind: 'mediation.screening.submitted',
  officeId: '0101',
  occurredAt: '2026-11-20T09:00:00+08:00',
  dueAt: '2026-11-30T23:59:59+08:00',
  ref: { context: 'mediation', type: 'screening', id: `${recordId}-${n}` },
});
const idOf = (recordId: string, n: number) => factIdOf('mediation.screening.submitted', { context: 'mediation', type: 'screening', id: `${recordId}-${n}` });

const write = (id: string, body: unknown) => api(`/api/__test/facts/${id}`, { method: 'POST', body });

/**
 * Waits until a fresh marker fact has arrived. The stream is ordered, so every outbox item written
 * before the marker has been forwarded by then: counts read afterwards are final.
 */
const settle = async (label: string) => {
  const id = `${run}-${label}-marker`;
  expect((await write(id, { facts: [fact(id, 0)] })).status).toBe(201);
  await eventually(async () => timesReceived(idOf(id, 0)) === 1, 20_000);
};

const streamFailures = async () =>
  ((await fetch(`${cloud().url}/__local/health`).then((r) => r.json())) as { streams: Record<string, { failures: number }> }).streams[FACTS_TABLE]!.failures;

describe('scorable facts travel from the producing write to the queue', () => {
  it('a record written with two facts sends exactly two events, each carrying its stable id and the fact', async () => {
    const rec = `${run}-two`;
    const w = await write(rec, { facts: [fact(rec, 1), fact(rec, 2)] });
    expect(w.status).toBe(201);
    expect(w.body.facts).toEqual([idOf(rec, 1), idOf(rec, 2)]);
    await eventually(async () => timesReceived(idOf(rec, 1)) >= 1 && timesReceived(idOf(rec, 2)) >= 1, 20_000);
    await settle('two');
    expect([timesReceived(idOf(rec, 1)), timesReceived(idOf(rec, 2))]).toEqual([1, 1]);

    const envelope = envelopeOf(idOf(rec, 1));
    expect(envelope).toMatchObject({ source: 'sifasuo.platform', 'detail-type': 'FactRecorded' });
    expect(envelope.detail).toEqual({
      id: idOf(rec, 1), kind: 'mediation.screening.submitted', officeId: '0101', month: '2026-11',
      occurredAt: '2026-11-20T09:00:00+08:00', dueAt: '2026-11-30T23:59:59+08:00',
      ref: { context: 'mediation', type: 'screening', id: `${rec}-1` },
    });
    // The record itself and its audit record were written in the same transaction.
    const stored = await dynamo().send(new GetCommand({ TableName: localName(FACTS_TABLE), Key: { PK: `RECORD#${rec}`, SK: 'RECORD' } }));
    expect(stored.Item).toMatchObject({ id: rec });
  });

  it('when publishing fails, the stream retries and both facts still arrive exactly once', async () => {
    const before = await streamFailures();
    const rec = `${run}-retry`;
    const fault = { eventbridgeFailEntries: 1, match: `${rec}-1` };
    expect((await fetch(`${cloud().url}/__local/faults`, { method: 'POST', body: JSON.stringify(fault) })).status).toBe(200);
    expect((await write(rec, { facts: [fact(rec, 1), fact(rec, 2)] })).status).toBe(201);
    await eventually(async () => timesReceived(idOf(rec, 1)) >= 1 && timesReceived(idOf(rec, 2)) >= 1, 30_000);
    await settle('retry');
    expect([timesReceived(idOf(rec, 1)), timesReceived(idOf(rec, 2))]).toEqual([1, 1]);
    // The forwarder really failed once on the way (the bus refused the first entry).
    expect(await streamFailures()).toBeGreaterThan(before);
  });

  it('a write that fails publishes nothing', async () => {
    const rec = `${run}-dup`;
    expect((await write(rec, { facts: [fact(rec, 1)] })).status).toBe(201);
    // Same record id again (a conflict): the transaction is cancelled, its facts with it.
    const again = await write(rec, { facts: [fact(`${rec}-lost`, 1)] });
    expect(again.status).toBe(409);
    await settle('dup');
    expect(timesReceived(idOf(rec, 1))).toBe(1);
    expect(timesReceived(idOf(`${rec}-lost`, 1))).toBe(0);
  });

  it('a retraction names the fact it withdraws; re-emitting a fact carries the same id', async () => {
    const rec = `${run}-retract`;
    expect((await write(rec, { facts: [fact(rec, 1)] })).status).toBe(201);
    const id = idOf(rec, 1);
    // The record is corrected (a new write) and emits the same fact again, then withdraws it.
    expect((await write(`${rec}-v2`, { facts: [fact(rec, 1)] })).status).toBe(201);
    expect((await write(`${rec}-v3`, { retractions: [{ id, officeId: '0101', month: '2026-11', retractedAt: new Date().toISOString() }] })).status).toBe(201);
    await settle('retract');
    const events = received().filter((d) => d.id === id).map((d) => JSON.parse(d.record.body)['detail-type']);
    expect(events.sort()).toEqual(['FactRecorded', 'FactRecorded', 'FactRetracted']);
  });

  it('a fact the schema refuses is refused before anything is written', async () => {
    const rec = `${run}-bad`;
    const r = await write(rec, { facts: [{ ...fact(rec, 1), kind: 'mediation.unknown' }] });
    expect(r.status).toBeGreaterThanOrEqual(400);
    const stored = await dynamo().send(new GetCommand({ TableName: localName(FACTS_TABLE), Key: { PK: `RECORD#${rec}`, SK: 'RECORD' } }));
    expect(stored.Item).toBeUndefined();
  });
});

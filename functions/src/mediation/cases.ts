// Mediation cases: intake with its 卷号, then every step through the domain's state machine
// (applyCaseCommand), stored version-checked with the audit record and the facts the step earns or
// withdraws. Closing files a CLOSURE item (the statistics' "closed in the month") in the same
// transaction; withdrawing a closed case removes it. Parties' ID numbers are masked unless revealed.
import {
  applyCaseCommand,
  canReviewMediation,
  canWriteOfficeRecords,
  caseIntakeProblems,
  caseNumber,
  filteredPage,
  forbidden,
  maskIdNumber,
  MEDIATION_AUDIT,
  staleVersion,
  type CaseCommand,
  type CaseListQuery,
  type CreateCaseInput,
  type MediationCase,
  type Page,
} from '@sifasuo/domain';
import { ulid } from 'ulid';
import { writeAudit } from '../shared/audit-writer';
import type { RequestContext } from '../shared/request-context';
import { dictionaryProblems, officeRef, readable, requireActor, throwIfAny, writable, writableOffice } from './access';
import { keys } from './keys';
import { facts, items, mediationRepository as repo, write } from './repository';

const CASE = '调解案件';

export const maskCase = (c: MediationCase): MediationCase => ({
  ...c,
  parties: c.parties.map((p) => (p.idNumber ? { ...p, idNumber: maskIdNumber(p.idNumber) } : p)),
});

/** A case the caller may read (unmasked: callers mask what leaves). */
export const readableCase = async (ctx: RequestContext, id: string) => readable(ctx, await repo.getCase(id), CASE);

/** The audit action of each command. */
const ACTION: Record<CaseCommand['kind'], keyof typeof MEDIATION_AUDIT> = {
  record: 'case.record',
  close: 'case.close',
  'follow-up': 'case.follow-up',
  confirm: 'case.confirmation',
  'enter-online': 'case.enter-online',
  review: 'case.review',
  withdraw: 'case.withdraw',
};

/** Loads the case, checks who may run the command, applies it, and stores the result with its facts. */
const runCommand = async (ctx: RequestContext, id: string, version: number, cmd: CaseCommand): Promise<MediationCase> => {
  const actor = requireActor(ctx);
  const before =
    cmd.kind === 'review' ? await readableCase(ctx, id) : writable(ctx, await repo.getCase(id), CASE);
  if (cmd.kind === 'review' && !canReviewMediation(actor, officeRef(before))) throw forbidden('只有片区中心所长或人民调解股可以审核调解案件');
  if (before.version !== version) throw staleVersion();
  const change = applyCaseCommand(before, cmd, actor.username, ctx.now);
  const after = change.after;
  const writes = [write.putIfVersion(items.case(after), version)];
  if (cmd.kind === 'close') writes.push(write.put(items.closure(after)));
  if (cmd.kind === 'withdraw' && before.closure) writes.push(write.remove(write.keyOf(keys.caseClosure(before, before.closure.closedOn))));
  await repo.transact(
    ctx,
    writes,
    { action: MEDIATION_AUDIT[ACTION[cmd.kind]], targetId: id, before, after },
    facts({ facts: change.facts, retractions: change.retractions }),
    () => staleVersion(),
  );
  return maskCase(after);
};

export const cases = {
  create: async (ctx: RequestContext, input: CreateCaseInput): Promise<MediationCase> => {
    const actor = requireActor(ctx);
    const office = await writableOffice(ctx, input.officeId);
    throwIfAny({
      ...caseIntakeProblems(input, ctx.now),
      ...(await dictionaryProblems({ disputeType: { dictionary: 'dispute-types', code: input.disputeType }, source: { dictionary: 'case-sources', code: input.source } })),
    });
    if (input.disputeId) {
      const dispute = await repo.getDispute(input.disputeId);
      if (!dispute || dispute.officeId !== office.id) throwIfAny({ disputeId: '所选排查纠纷不存在或不属于该司法所' });
    }
    const year = input.receivedOn.slice(0, 4);
    const seq = await repo.nextCaseSeq(office.id, year);
    const at = ctx.now.toISOString();
    const created: MediationCase = {
      ...input,
      id: ulid(ctx.now.getTime()),
      caseNo: caseNumber(office.id, year, seq),
      areaId: office.areaId,
      status: 'registered',
      records: [],
      createdAt: at,
      createdBy: actor.username,
      updatedAt: at,
      version: 1,
    };
    await repo.create(ctx, items.case(created), { action: MEDIATION_AUDIT['case.create'], targetId: created.id, after: created }, '案件编号重复，请重试');
    return maskCase(created);
  },

  list: async (ctx: RequestContext, q: CaseListQuery): Promise<Page<MediationCase>> => {
    const actor = requireActor(ctx);
    const keep = (c: MediationCase) => (!q.status || c.status === q.status) && (!q.disputeType || c.disputeType === q.disputeType);
    const read = (limit: number, cursor?: string) =>
      repo.pageInScope<MediationCase>(actor, 'CASE', { officeId: q.officeId, sortPrefix: q.month, limit, cursor, newestFirst: true });
    const page = await filteredPage(read, keep, q.limit, q.cursor);
    return { ...page, items: page.items.map(maskCase) };
  },

  /** `reveal=idNumber` shows the parties' full ID numbers to those who keep the record, and is audited. */
  get: async (ctx: RequestContext, id: string, q: { reveal?: 'idNumber' }): Promise<MediationCase> => {
    const found = await readableCase(ctx, id);
    if (!q.reveal) return maskCase(found);
    // A refused reveal is recorded by the route (api.ts), like one on a case the caller cannot see.
    if (!canWriteOfficeRecords(ctx.actor!, found.officeId)) throw forbidden('无权查看当事人完整身份证号');
    await writeAudit(ctx, { action: MEDIATION_AUDIT['case.reveal-id-number'], targetId: id, outcome: 'success' });
    return found;
  },

  command: runCommand,
};

// Typical cases and one-sentence news: an office submits (the fact counts in the Shanghai month of
// submission), the area director or 人民调解股 returns one with a comment (its fact retracted), the
// office corrects and resubmits it, 人民调解股 or the leader records its adoption (the fact re-emitted
// with the level as quantity), or the office withdraws it.
import {
  canAdoptSubmission,
  canReturnSubmission,
  conflict,
  factsDropped,
  filteredPage,
  forbidden,
  MEDIATION_AUDIT,
  shanghaiMonth,
  staleVersion,
  submissionFacts,
  type AdoptionLevel,
  type CreateSubmissionInput,
  type Page,
  type Submission,
  type SubmissionQuery,
  type UpdateSubmissionInput,
} from '@sifasuo/domain';
import { ulid } from 'ulid';
import type { RequestContext } from '../shared/request-context';
import { officeRef, readable, requireActor, throwIfAny, writable, writableOffice } from './access';
import { facts, items, mediationRepository as repo } from './repository';

const SUBMISSION = '报送';

/** A linked case must be the same office's. */
const requireOwnCase = async (officeId: string, caseId: string | undefined) => {
  if (!caseId) return;
  const linked = await repo.getCase(caseId);
  if (!linked || linked.officeId !== officeId) throwIfAny({ caseId: '所选调解案件不存在或不属于该司法所' });
};

/** Stores the change with the facts it adds and the ones it drops. */
const store = async (ctx: RequestContext, action: keyof typeof MEDIATION_AUDIT, before: Submission, after: Submission, version: number) => {
  const earned = submissionFacts(after);
  await repo.replace(
    ctx, items.submission(after), version, { action: MEDIATION_AUDIT[action], targetId: after.id, before, after },
    facts({ facts: earned, retractions: factsDropped(submissionFacts(before), earned, ctx.now) }),
  );
  return after;
};

const loaded = (s: Submission, version: number) => {
  if (s.version !== version) throw staleVersion();
  return s;
};

export const submissions = {
  create: async (ctx: RequestContext, input: CreateSubmissionInput): Promise<Submission> => {
    const actor = requireActor(ctx);
    const office = await writableOffice(ctx, input.officeId);
    await requireOwnCase(office.id, input.caseId);
    const created: Submission = {
      ...input,
      id: ulid(ctx.now.getTime()),
      areaId: office.areaId,
      month: shanghaiMonth(ctx.now),
      status: 'submitted',
      submittedAt: ctx.now.toISOString(),
      submittedBy: actor.username,
      returns: [],
      version: 1,
    };
    await repo.create(
      ctx, items.submission(created), { action: MEDIATION_AUDIT['submission.create'], targetId: created.id, after: created }, '报送编号重复，请重试',
      facts({ facts: submissionFacts(created) }),
    );
    return created;
  },

  list: async (ctx: RequestContext, q: SubmissionQuery): Promise<Page<Submission>> => {
    const actor = requireActor(ctx);
    const read = (limit: number, cursor?: string) =>
      repo.pageInScope<Submission>(actor, 'SUBMISSION', { officeId: q.officeId, sortPrefix: q.month, limit, cursor, newestFirst: true });
    return filteredPage(read, (s) => (!q.kind || s.kind === q.kind) && (!q.status || s.status === q.status), q.limit, q.cursor);
  },

  /** A returned submission, corrected and submitted again (it counts in the month of resubmission). */
  update: async (ctx: RequestContext, id: string, { version, ...input }: UpdateSubmissionInput): Promise<Submission> => {
    const actor = requireActor(ctx);
    const before = loaded(writable(ctx, await repo.getSubmission(id), SUBMISSION), version);
    if (before.status !== 'returned') throw conflict('只有被退回的报送才能修改后重新报送');
    await requireOwnCase(before.officeId, input.caseId);
    const { caseId: _c, ...kept } = before;
    const after: Submission = {
      ...kept, ...input, status: 'submitted', submittedAt: ctx.now.toISOString(), submittedBy: actor.username, month: shanghaiMonth(ctx.now), version: version + 1,
    };
    return store(ctx, 'submission.update', before, after, version);
  },

  return: async (ctx: RequestContext, id: string, input: { version: number; comment: string }): Promise<Submission> => {
    const actor = requireActor(ctx);
    const before = loaded(readable(ctx, await repo.getSubmission(id), SUBMISSION), input.version);
    if (!canReturnSubmission(actor, officeRef(before))) throw forbidden('只有片区中心所长（对本片区其他司法所）或人民调解股可以退回报送');
    if (before.status !== 'submitted') throw conflict('只有已报送、尚未采用的报送才能退回');
    const after: Submission = {
      ...before, status: 'returned', returns: [...before.returns, { at: ctx.now.toISOString(), by: actor.username, comment: input.comment }], version: input.version + 1,
    };
    return store(ctx, 'submission.return', before, after, input.version);
  },

  adopt: async (ctx: RequestContext, id: string, input: { version: number; level: AdoptionLevel }): Promise<Submission> => {
    const actor = requireActor(ctx);
    const before = loaded(readable(ctx, await repo.getSubmission(id), SUBMISSION), input.version);
    if (!canAdoptSubmission(actor)) throw forbidden('只有人民调解股或局领导可以登记采用');
    if (before.status !== 'submitted' && before.status !== 'adopted') throw conflict('只有已报送的报送才能登记采用');
    const after: Submission = { ...before, status: 'adopted', adoption: { level: input.level, at: ctx.now.toISOString(), by: actor.username }, version: input.version + 1 };
    return store(ctx, 'submission.adopt', before, after, input.version);
  },

  withdraw: async (ctx: RequestContext, id: string, version: number): Promise<Submission> => {
    const before = loaded(writable(ctx, await repo.getSubmission(id), SUBMISSION), version);
    if (before.status !== 'submitted' && before.status !== 'returned') throw conflict('已采用或已撤回的报送不能撤回');
    return store(ctx, 'submission.withdraw', before, { ...before, status: 'withdrawn', version: version + 1 }, version);
  },
};

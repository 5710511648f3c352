// Committees (调委会) and the mediator roster (人民调解员花名册). A committee's term is three years; it
// has at most nine members (主任, 副主任, 委员; appointed 调解员 are not members); a person has one roster
// entry in the county (an ID-number guard item). ID numbers are masked in every answer.
import {
  canReviewMediation,
  canWriteOfficeRecords,
  COMMITTEE_MAX_MEMBERS,
  COMMITTEE_MEMBER_POSTS,
  committeeTermEnd,
  conflict,
  maskIdNumber,
  MAX_IMPORT_MEDIATORS,
  MEDIATION_AUDIT,
  MEDIATOR_POST_LABELS,
  mediatorTermProblems,
  staleVersion,
  validationError,
  type Actor,
  type Committee,
  type CommitteeInput,
  type ImportProblem,
  type Mediator,
  type MediatorInput,
  type MediatorQuery,
  type Page,
  type PageQuery,
  type UpdateCommitteeInput,
  type UpdateMediatorInput,
} from '@sifasuo/domain';
import { ulid } from 'ulid';
import type { RequestContext } from '../shared/request-context';
import { officeRef, requireActor, throwIfAny, writable, writableOffice } from './access';
import { keys } from './keys';
import { items, mediationRepository as repo, write } from './repository';

const COMMITTEE = '调委会';
const MEDIATOR = '人民调解员';

export const maskMediator = (m: Mediator): Mediator => ({ ...m, idNumber: maskIdNumber(m.idNumber) });

/** The full ID numbers of a roster go to those who keep it or review the office's mediation work; masked otherwise. */
export const rosterView = (actor: Actor, m: Mediator): Mediator =>
  canWriteOfficeRecords(actor, m.officeId) || canReviewMediation(actor, officeRef(m)) ? m : maskMediator(m);

const isMember = (post: Mediator['post']) => COMMITTEE_MEMBER_POSTS.includes(post);
const duplicateIdNumber = (idNumber: string) => conflict(`身份证号为 ${maskIdNumber(idNumber)} 的人员已在本县人民调解员花名册中`);

/** The committee a mediator names: the same office's (400 on committeeId otherwise). */
const committeeOf = async (officeId: string, committeeId: string): Promise<Committee> => {
  const committee = await repo.getCommittee(committeeId);
  if (!committee || committee.officeId !== officeId) throw validationError({ committeeId: '所选调委会不存在或不属于该司法所' });
  return committee;
};

/** The committee's members now (mediators of member posts), to keep it within nine. */
const membersOf = async (actor: Actor, committee: Committee): Promise<Mediator[]> =>
  (await repo.allInScope<Mediator>(actor, 'MEDIATOR', { officeId: committee.officeId, sortPrefix: `${committee.id}#` })).filter((m) => isMember(m.post));

/** 400 naming the limit when `adding` more members would take the committee over nine. */
const requireRoom = async (actor: Actor, committee: Committee, adding: number, exceptId?: string) => {
  if (adding === 0) return;
  const now = (await membersOf(actor, committee)).filter((m) => m.id !== exceptId).length;
  if (now + adding > COMMITTEE_MAX_MEMBERS) {
    throw validationError({
      post: `调委会委员（主任、副主任、委员）最多${COMMITTEE_MAX_MEMBERS}人，${committee.name}已有${now}人；可登记为${MEDIATOR_POST_LABELS.mediator}`,
    });
  }
};

export const roster = {
  listCommittees: (ctx: RequestContext, q: PageQuery & { officeId?: string }): Promise<Page<Committee>> =>
    repo.pageInScope<Committee>(requireActor(ctx), 'COMMITTEE', { officeId: q.officeId, limit: q.limit, cursor: q.cursor }),

  createCommittee: async (ctx: RequestContext, input: CommitteeInput): Promise<Committee> => {
    const office = await writableOffice(ctx, input.officeId);
    const created: Committee = {
      ...input, id: ulid(ctx.now.getTime()), areaId: office.areaId, termEnd: committeeTermEnd(input.termStart), version: 1, updatedAt: ctx.now.toISOString(),
    };
    await repo.create(ctx, items.committee(created), { action: MEDIATION_AUDIT['committee.create'], targetId: created.id, after: created }, '调委会编号重复，请重试');
    return created;
  },

  updateCommittee: async (ctx: RequestContext, id: string, { version, ...input }: UpdateCommitteeInput): Promise<Committee> => {
    const before = writable(ctx, await repo.getCommittee(id), COMMITTEE);
    if (before.version !== version) throw staleVersion();
    const { phone: _p, address: _a, ...kept } = before;
    const after: Committee = { ...kept, ...input, termEnd: committeeTermEnd(input.termStart), version: version + 1, updatedAt: ctx.now.toISOString() };
    await repo.replace(ctx, items.committee(after), version, { action: MEDIATION_AUDIT['committee.update'], targetId: id, before, after });
    return after;
  },

  listMediators: async (ctx: RequestContext, q: MediatorQuery): Promise<Page<Mediator>> => {
    const actor = requireActor(ctx);
    const page = await repo.pageInScope<Mediator>(actor, 'MEDIATOR', {
      officeId: q.officeId, sortPrefix: q.committeeId ? `${q.committeeId}#` : undefined, limit: q.limit, cursor: q.cursor,
    });
    return { ...page, items: page.items.map(maskMediator) };
  },

  createMediator: async (ctx: RequestContext, input: MediatorInput): Promise<Mediator> => {
    const actor = requireActor(ctx);
    const office = await writableOffice(ctx, input.officeId);
    throwIfAny(mediatorTermProblems(input));
    const committee = await committeeOf(office.id, input.committeeId);
    await requireRoom(actor, committee, isMember(input.post) ? 1 : 0);
    const created: Mediator = { ...input, id: ulid(ctx.now.getTime()), areaId: office.areaId, version: 1, updatedAt: ctx.now.toISOString() };
    await repo.transact(
      ctx,
      [write.putIfAbsent(items.mediatorGuard(created)), write.putIfAbsent(items.mediator(created))],
      { action: MEDIATION_AUDIT['mediator.create'], targetId: created.id, after: created },
      undefined,
      (index) => (index === 0 ? duplicateIdNumber(created.idNumber) : conflict('调解员编号重复，请重试')),
    );
    return maskMediator(created);
  },

  updateMediator: async (ctx: RequestContext, id: string, { version, ...input }: UpdateMediatorInput): Promise<Mediator> => {
    const actor = requireActor(ctx);
    const before = writable(ctx, await repo.getMediator(id), MEDIATOR);
    if (before.version !== version) throw staleVersion();
    throwIfAny(mediatorTermProblems(input));
    const committee = await committeeOf(before.officeId, input.committeeId);
    const joins = isMember(input.post) && (!isMember(before.post) || before.committeeId !== input.committeeId);
    await requireRoom(actor, committee, joins ? 1 : 0, id);
    const after: Mediator = {
      ...before,
      ...input,
      // Omitted means unchanged: the portal only ever holds the masked form.
      idNumber: input.idNumber ?? before.idNumber,
      version: version + 1,
      updatedAt: ctx.now.toISOString(),
    };
    const newIdNumber = after.idNumber !== before.idNumber;
    await repo.transact(
      ctx,
      [
        // The record's key changes with its committee (the index's sort key), not its partition: one Put replaces it.
        write.putIfVersion(items.mediator(after), version),
        ...(newIdNumber ? [write.remove(keys.mediatorGuard(before.idNumber)), write.putIfAbsent(items.mediatorGuard(after))] : []),
      ],
      { action: MEDIATION_AUDIT['mediator.update'], targetId: id, before, after },
      undefined,
      (index) => (index === 0 ? staleVersion() : duplicateIdNumber(after.idNumber)),
    );
    return maskMediator(after);
  },

  /** Every mediator of the scope (or office), for the roster workbook; ID numbers as `rosterView` allows. */
  mediatorsForExport: async (ctx: RequestContext, officeId?: string) => {
    const actor = requireActor(ctx);
    const [mediators, committees] = await Promise.all([
      repo.allInScope<Mediator>(actor, 'MEDIATOR', { officeId }),
      repo.allInScope<Committee>(actor, 'COMMITTEE', { officeId }),
    ]);
    return { mediators: mediators.map((m) => rosterView(actor, m)), committees };
  },

  committeesOf: (ctx: RequestContext, officeId: string) => repo.allInScope<Committee>(requireActor(ctx), 'COMMITTEE', { officeId }),

  /**
   * Problems of parsed rows against the stored roster: the limit of one file, ID numbers repeated in the
   * file or already on the county's roster, committees over nine members. Rows are numbered as in the
   * workbook (header on row 1).
   */
  importProblems: async (ctx: RequestContext, officeId: string, rows: MediatorInput[]): Promise<ImportProblem[]> => {
    const actor = requireActor(ctx);
    const problems: ImportProblem[] = [];
    const rowOf = (i: number) => i + 2;
    const seen = new Map<string, number>();
    rows.forEach((r, i) => {
      const first = seen.get(r.idNumber);
      if (first !== undefined) problems.push({ row: rowOf(i), column: '身份证号', reason: `与第${rowOf(first)}行的身份证号重复` });
      else seen.set(r.idNumber, i);
      const term = mediatorTermProblems(r).termEnd;
      if (term) problems.push({ row: rowOf(i), column: '任期结束', reason: term });
    });
    const existing = await repo.existingMediatorGuards([...seen.keys()]);
    rows.forEach((r, i) => {
      if (existing.has(r.idNumber) && seen.get(r.idNumber) === i) problems.push({ row: rowOf(i), column: '身份证号', reason: '该人员已在本县人民调解员花名册中' });
    });
    const committees = await roster.committeesOf(ctx, officeId);
    rows.forEach((r, i) => {
      if (!committees.some((c) => c.id === r.committeeId)) problems.push({ row: rowOf(i), column: '所属调委会', reason: '调委会不存在或不属于该司法所' });
    });
    for (const c of committees) {
      const adding = rows.filter((r) => r.committeeId === c.id && isMember(r.post)).length;
      if (!adding) continue;
      const now = (await membersOf(actor, c)).length;
      if (now + adding > COMMITTEE_MAX_MEMBERS) {
        const last = rows.map((r, i) => (r.committeeId === c.id && isMember(r.post) ? i : -1)).reduce((a, b) => Math.max(a, b));
        problems.push({ row: rowOf(last), column: '职务', reason: `${c.name}委员将达${now + adding}人，超过${COMMITTEE_MAX_MEMBERS}人的上限` });
      }
    }
    return problems.sort((a, b) => a.row - b.row);
  },

  /** Writes every row in one transaction (all or none); the caller checked the file first. */
  importRows: async (ctx: RequestContext, officeId: string, rows: MediatorInput[]): Promise<Mediator[]> => {
    const office = await writableOffice(ctx, officeId);
    if (rows.length > MAX_IMPORT_MEDIATORS) throw validationError({ contentBase64: `一次最多导入${MAX_IMPORT_MEDIATORS}名调解员，请分批导入` });
    const at = ctx.now.toISOString();
    const created = rows.map((r): Mediator => ({ ...r, officeId: office.id, id: ulid(ctx.now.getTime()), areaId: office.areaId, version: 1, updatedAt: at }));
    await repo.transact(
      ctx,
      created.flatMap((m) => [write.putIfAbsent(items.mediatorGuard(m)), write.putIfAbsent(items.mediator(m))]),
      { action: MEDIATION_AUDIT['mediator.import'], targetId: office.id, after: { count: created.length, mediators: created } },
      undefined,
      (index) => (index % 2 === 0 ? duplicateIdNumber(created[index / 2]!.idNumber) : conflict('调解员编号重复，请重试')),
    );
    return created.map(maskMediator);
  },
};

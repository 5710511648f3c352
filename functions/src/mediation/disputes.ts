// The disputes a screening found (screenings.ts): listed in scope (the unreported major ones by their
// markers), updated while their screening stands, and a major one reported to the bureau — its
// UNREPORTED marker goes and the report's fact carries its delay.
import {
  conflict,
  disputeFacts,
  filteredPage,
  MEDIATION_AUDIT,
  staleVersion,
  type Dispute,
  type DisputeQuery,
  type Page,
  type UpdateDisputeInput,
} from '@sifasuo/domain';
import type { RequestContext } from '../shared/request-context';
import { requireActor, throwIfAny, writable } from './access';
import { keys } from './keys';
import { facts, items, mediationRepository as repo, write, type UnreportedDispute } from './repository';

const DISPUTE = '矛盾纠纷';

export const disputes = {
  list: async (ctx: RequestContext, q: DisputeQuery): Promise<Page<Dispute>> => {
    const actor = requireActor(ctx);
    if (q.unreported === 'true') {
      // The markers of major disputes not yet reported (each holds its dispute), earliest deadline first.
      const read = (limit: number, cursor?: string) => repo.pageInScope<UnreportedDispute>(actor, 'UNREPORTED', { officeId: q.officeId, limit, cursor });
      return filteredPage(read, (d) => !q.month || d.month === q.month, q.limit, q.cursor);
    }
    return repo.pageInScope<Dispute>(actor, 'DISPUTE', { officeId: q.officeId, sortPrefix: q.month, limit: q.limit, cursor: q.cursor, newestFirst: true });
  },

  update: async (ctx: RequestContext, id: string, { version, ...input }: UpdateDisputeInput): Promise<Dispute> => {
    const before = writable(ctx, await repo.getDispute(id), DISPUTE);
    if (before.version !== version) throw staleVersion();
    if (before.status !== 'open') throw conflict('该纠纷所在的排查已撤回，不能修改');
    if (input.caseId) {
      const linked = await repo.getCase(input.caseId);
      if (!linked || linked.officeId !== before.officeId) throwIfAny({ caseId: '所选调解案件不存在或不属于该司法所' });
    }
    const { resultNote: _n, caseId: _c, ...kept } = before;
    const after: Dispute = { ...kept, ...input, version: version + 1 };
    await repo.replace(ctx, items.dispute(after), version, { action: MEDIATION_AUDIT['dispute.update'], targetId: id, before, after });
    return after;
  },

  /** The major dispute reported to the bureau: its marker goes, and the report's fact carries its delay. */
  report: async (ctx: RequestContext, id: string, version: number): Promise<Dispute> => {
    const actor = requireActor(ctx);
    const before = writable(ctx, await repo.getDispute(id), DISPUTE);
    if (before.version !== version) throw staleVersion();
    if (before.status !== 'open') throw conflict('该纠纷所在的排查已撤回，不能上报');
    if (!before.major || !before.reportDueAt) throw conflict('该纠纷不是重大纠纷，无需上报');
    if (before.reportedAt) throw conflict('该纠纷已上报');
    const after: Dispute = { ...before, reportedAt: ctx.now.toISOString(), reportedBy: actor.username, version: version + 1 };
    const earlier = new Set(disputeFacts(before).map((f) => f.id));
    await repo.transact(
      ctx,
      [write.putIfVersion(items.dispute(after), version), write.remove(write.keyOf(keys.unreported({ ...before, reportDueAt: before.reportDueAt })))],
      { action: MEDIATION_AUDIT['dispute.report'], targetId: id, before, after },
      facts({ facts: disputeFacts(after).filter((f) => !earlier.has(f.id)) }),
      () => staleVersion(),
    );
    return after;
  },
};

// mediation context HTTP routes: thin adapters from requests to use cases. Writes name their audit
// action and target, so a refused write is recorded as one (successful writes audit in their transaction).
import { MEDIATION_AUDIT } from '@sifasuo/domain';
import { mediation } from '@sifasuo/wiring/src/mediation';
import { auditedApiHandler } from '../shared/audited-api';
import { bodyString, created, ok, type RawRequest } from '../shared/http';
import { cases } from './cases';
import { roster } from './roster';
import { disputes } from './disputes';
import { monthlyReports } from './monthly-reports';
import { screenings } from './screenings';
import { statistics } from './statistics';
import { submissions } from './submissions';
import { summary } from './summary';

type Action = keyof typeof MEDIATION_AUDIT;
/** The refusal audit of a write on the record the path names. */
const onPath = (action: Action, param: string) => ({ action: MEDIATION_AUDIT[action], targetId: ({ path }: RawRequest) => path[param] ?? '' });
/** The refusal audit of a new record: its office, as the body names it. */
const onOffice = (action: Action) => ({ action: MEDIATION_AUDIT[action], targetId: ({ raw }: RawRequest) => bodyString(raw, 'officeId') });

export const handler = auditedApiHandler(mediation, 'mediation-api', {
  'POST /api/mediation/cases': { audit: onOffice('case.create'), handle: async ({ ctx, body }) => created(await cases.create(ctx, body)) },
  'GET /api/mediation/cases': { handle: async ({ ctx, query }) => ok(await cases.list(ctx, query)) },
  'GET /api/mediation/cases/{caseId}': {
    // A refused reveal is recorded as one, whether or not the case was visible.
    audit: { ...onPath('case.reveal-id-number', 'caseId'), when: ({ query }) => !!query.reveal },
    handle: async ({ ctx, path, query }) => ok(await cases.get(ctx, path.caseId, query)),
  },
  'POST /api/mediation/cases/{caseId}/records': {
    audit: onPath('case.record', 'caseId'),
    handle: async ({ ctx, path, body: { version, ...record } }) => ok(await cases.command(ctx, path.caseId, version, { kind: 'record', ...record })),
  },
  'POST /api/mediation/cases/{caseId}/close': {
    audit: onPath('case.close', 'caseId'),
    handle: async ({ ctx, path, body: { version, ...closing } }) => ok(await cases.command(ctx, path.caseId, version, { kind: 'close', ...closing })),
  },
  'POST /api/mediation/cases/{caseId}/follow-up': {
    audit: onPath('case.follow-up', 'caseId'),
    handle: async ({ ctx, path, body: { version, ...visit } }) => ok(await cases.command(ctx, path.caseId, version, { kind: 'follow-up', ...visit })),
  },
  'POST /api/mediation/cases/{caseId}/confirmation': {
    audit: onPath('case.confirmation', 'caseId'),
    handle: async ({ ctx, path, body: { version, ...confirmation } }) =>
      ok(await cases.command(ctx, path.caseId, version, { kind: 'confirm', ...confirmation })),
  },
  'POST /api/mediation/cases/{caseId}/enter-online': {
    audit: onPath('case.enter-online', 'caseId'),
    handle: async ({ ctx, path, body }) => ok(await cases.command(ctx, path.caseId, body.version, { kind: 'enter-online' })),
  },
  'POST /api/mediation/cases/{caseId}/review': {
    audit: onPath('case.review', 'caseId'),
    handle: async ({ ctx, path, body: { version, comment } }) =>
      ok(await cases.command(ctx, path.caseId, version, { kind: 'review', ...(comment ? { comment } : {}) })),
  },
  'POST /api/mediation/cases/{caseId}/withdraw': {
    audit: onPath('case.withdraw', 'caseId'),
    handle: async ({ ctx, path, body }) => ok(await cases.command(ctx, path.caseId, body.version, { kind: 'withdraw', reason: body.reason })),
  },

  'GET /api/mediation/statistics': { handle: async ({ ctx, query }) => ok(await statistics.month(ctx, query)) },
  'GET /api/mediation/trend': { handle: async ({ ctx, query }) => ok(await statistics.trend(ctx, query)) },

  'POST /api/mediation/screenings': { audit: onOffice('screening.create'), handle: async ({ ctx, body }) => created(await screenings.create(ctx, body)) },
  'GET /api/mediation/screenings': { handle: async ({ ctx, query }) => ok(await screenings.list(ctx, query)) },
  'GET /api/mediation/screenings/{screeningId}': { handle: async ({ ctx, path }) => ok(await screenings.get(ctx, path.screeningId)) },
  'POST /api/mediation/screenings/{screeningId}/withdraw': {
    audit: onPath('screening.withdraw', 'screeningId'),
    handle: async ({ ctx, path, body }) => ok(await screenings.withdraw(ctx, path.screeningId, body)),
  },
  'GET /api/mediation/screening-board': { handle: async ({ ctx, query }) => ok(await screenings.board(ctx, query.month)) },
  'GET /api/mediation/disputes': { handle: async ({ ctx, query }) => ok(await disputes.list(ctx, query)) },
  'PUT /api/mediation/disputes/{disputeId}': {
    audit: onPath('dispute.update', 'disputeId'),
    handle: async ({ ctx, path, body }) => ok(await disputes.update(ctx, path.disputeId, body)),
  },
  'POST /api/mediation/disputes/{disputeId}/report': {
    audit: onPath('dispute.report', 'disputeId'),
    handle: async ({ ctx, path, body }) => ok(await disputes.report(ctx, path.disputeId, body.version)),
  },
  'POST /api/mediation/monthly-reports': { audit: onOffice('report.create'), handle: async ({ ctx, body }) => created(await monthlyReports.create(ctx, body)) },

  'POST /api/mediation/submissions': { audit: onOffice('submission.create'), handle: async ({ ctx, body }) => created(await submissions.create(ctx, body)) },
  'GET /api/mediation/submissions': { handle: async ({ ctx, query }) => ok(await submissions.list(ctx, query)) },
  'PUT /api/mediation/submissions/{submissionId}': {
    audit: onPath('submission.update', 'submissionId'),
    handle: async ({ ctx, path, body }) => ok(await submissions.update(ctx, path.submissionId, body)),
  },
  'POST /api/mediation/submissions/{submissionId}/return': {
    audit: onPath('submission.return', 'submissionId'),
    handle: async ({ ctx, path, body }) => ok(await submissions.return(ctx, path.submissionId, body)),
  },
  'POST /api/mediation/submissions/{submissionId}/adopt': {
    audit: onPath('submission.adopt', 'submissionId'),
    handle: async ({ ctx, path, body }) => ok(await submissions.adopt(ctx, path.submissionId, body)),
  },
  'POST /api/mediation/submissions/{submissionId}/withdraw': {
    audit: onPath('submission.withdraw', 'submissionId'),
    handle: async ({ ctx, path, body }) => ok(await submissions.withdraw(ctx, path.submissionId, body.version)),
  },

  'GET /api/mediation/committees': { handle: async ({ ctx, query }) => ok(await roster.listCommittees(ctx, query)) },
  'POST /api/mediation/committees': { audit: onOffice('committee.create'), handle: async ({ ctx, body }) => created(await roster.createCommittee(ctx, body)) },
  'PUT /api/mediation/committees/{committeeId}': {
    audit: onPath('committee.update', 'committeeId'),
    handle: async ({ ctx, path, body }) => ok(await roster.updateCommittee(ctx, path.committeeId, body)),
  },
  'GET /api/mediation/mediators': { handle: async ({ ctx, query }) => ok(await roster.listMediators(ctx, query)) },
  'POST /api/mediation/mediators': { audit: onOffice('mediator.create'), handle: async ({ ctx, body }) => created(await roster.createMediator(ctx, body)) },
  'PUT /api/mediation/mediators/{mediatorId}': {
    audit: onPath('mediator.update', 'mediatorId'),
    handle: async ({ ctx, path, body }) => ok(await roster.updateMediator(ctx, path.mediatorId, body)),
  },

  'GET /api/mediation/summary': { handle: async ({ ctx }) => ok(await summary(ctx)) },
});

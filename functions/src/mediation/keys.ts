// The mediation table (single-table design inside the context). Office-scoped records are filed by
// office, area and county through the kit's `scopedKeys` (GSI1/GSI2/GSI3), sorted so a month is a prefix.
//   case           PK CASE#<id>                     SK CASE         scoped CASE       / <receivedOn>#<id>
//   case closure   PK CASE#<id>                     SK CLOSURE      scoped CLOSURE    / <closedOn>#<id>     (the case as closed, while closed; the statistics' "closed in month")
//   case number    PK CASENO#<officeId>#<year>      SK CASENO       seq (the 卷号 counter)
//   screening      PK SCREENING#<id>                SK SCREENING    scoped SCREENING  / <month>#<period>#<id>
//   period guard   PK PERIOD#<officeId>#<period>    SK PERIOD       (one screening per office and period; removed on withdrawal)
//   dispute        PK DISPUTE#<id>                  SK DISPUTE      scoped DISPUTE    / <month>#<id>
//   unreported     PK DISPUTE#<id>                  SK UNREPORTED   scoped UNREPORTED / <reportDueAt>#<id>  (the major dispute as registered, until reported)
//   month report   PK REPORT#<officeId>#<month>     SK REPORT       scoped REPORT     / <month>#<officeId>
//   submission     PK SUBMISSION#<id>               SK SUBMISSION   scoped SUBMISSION / <month>#<id>
//   committee      PK COMMITTEE#<id>                SK COMMITTEE    scoped COMMITTEE  / <id>
//   mediator       PK MEDIATOR#<id>                 SK MEDIATOR     scoped MEDIATOR   / <committeeId>#<id>
//   mediator guard PK MEDIATOR-ID#<idNumber>        SK GUARD        (one roster entry per ID number in the county)
//   outbox         PK OUTBOX#<ulid>                 SK OUTBOX       (the kit's: facts on their way to the bus)
import type { Committee, Dispute, MediationCase, Mediator, MonthlyReport, Screening, Submission } from '@sifasuo/domain';
import { tableName } from '../shared/aws';
import { scopedKeys } from '../shared/scope';

export const mediationTable = () => tableName('mediation');

export const keys = {
  case: (c: Pick<MediationCase, 'id' | 'officeId' | 'areaId' | 'receivedOn'>) => ({ PK: `CASE#${c.id}`, SK: 'CASE', ...scopedKeys('CASE', c, `${c.receivedOn}#${c.id}`) }),
  caseClosure: (c: Pick<MediationCase, 'id' | 'officeId' | 'areaId'>, closedOn: string) => ({
    PK: `CASE#${c.id}`, SK: 'CLOSURE', ...scopedKeys('CLOSURE', c, `${closedOn}#${c.id}`),
  }),
  caseNumber: (officeId: string, year: string) => ({ PK: `CASENO#${officeId}#${year}`, SK: 'CASENO' }),
  screening: (s: Pick<Screening, 'id' | 'officeId' | 'areaId' | 'month' | 'period'>) => ({
    PK: `SCREENING#${s.id}`, SK: 'SCREENING', ...scopedKeys('SCREENING', s, `${s.month}#${s.period}#${s.id}`),
  }),
  periodGuard: (officeId: string, period: string) => ({ PK: `PERIOD#${officeId}#${period}`, SK: 'PERIOD' }),
  dispute: (d: Pick<Dispute, 'id' | 'officeId' | 'areaId' | 'month'>) => ({ PK: `DISPUTE#${d.id}`, SK: 'DISPUTE', ...scopedKeys('DISPUTE', d, `${d.month}#${d.id}`) }),
  unreported: (d: Pick<Dispute, 'id' | 'officeId' | 'areaId'> & { reportDueAt: string }) => ({
    PK: `DISPUTE#${d.id}`, SK: 'UNREPORTED', ...scopedKeys('UNREPORTED', d, `${d.reportDueAt}#${d.id}`),
  }),
  monthlyReport: (r: Pick<MonthlyReport, 'officeId' | 'areaId' | 'month'>) => ({
    PK: `REPORT#${r.officeId}#${r.month}`, SK: 'REPORT', ...scopedKeys('REPORT', r, `${r.month}#${r.officeId}`),
  }),
  submission: (s: Pick<Submission, 'id' | 'officeId' | 'areaId' | 'month'>) => ({
    PK: `SUBMISSION#${s.id}`, SK: 'SUBMISSION', ...scopedKeys('SUBMISSION', s, `${s.month}#${s.id}`),
  }),
  committee: (c: Pick<Committee, 'id' | 'officeId' | 'areaId'>) => ({ PK: `COMMITTEE#${c.id}`, SK: 'COMMITTEE', ...scopedKeys('COMMITTEE', c, c.id) }),
  mediator: (m: Pick<Mediator, 'id' | 'officeId' | 'areaId' | 'committeeId'>) => ({
    PK: `MEDIATOR#${m.id}`, SK: 'MEDIATOR', ...scopedKeys('MEDIATOR', m, `${m.committeeId}#${m.id}`),
  }),
  mediatorGuard: (idNumber: string) => ({ PK: `MEDIATOR-ID#${idNumber}`, SK: 'GUARD' }),
};

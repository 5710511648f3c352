// The registers table (single-table design inside the context). Office-scoped records are filed by
// office, area and county through the kit's `scopedKeys` (GSI1/GSI2/GSI3), sorted so a day or month is a prefix.
//   entry          PK ENTRY#<register>#<id>          SK ENTRY        scoped ENTRY#<register> / <filedOn>#<id>
//   import         PK IMPORT#<uploadId>               SK IMPORT       (state of an import: rows written so far; resumes, never doubles)
//   upload         PK UPLOAD#<uploadId>               SK UPLOAD       (who asked for it, purpose, name, size; an upload is used by its owner only)
//   leave          PK LEAVE#<id>                      SK LEAVE        scoped LEAVE    / <from>#<id>
//   absence        PK ABSENCE#<id>                    SK ABSENCE      scoped ABSENCE  / <on>#<id>
//   report         PK REPORT#<id>                     SK REPORT       scoped REPORT   / <period>#<kind>#<id>
//   report guard   PK REPORT-ONE#<officeId>#<kind>#<period>  SK GUARD  (one per office, kind and period for the single kinds; removed on withdrawal)
//   task           PK TASK#<id>                       SK TASK         GSI3 TASK / <dueOn>#<id> (county-wide list for the bureau)
//   assignment     PK TASK#<id>                       SK OFFICE#<officeId>  scoped ASSIGNMENT / <dueOn>#<taskId>
//   open task      PK TASK#<id>                       SK OPEN#<officeId>    GSI3 OPEN-TASK / <dueOn>#<taskId>#<officeId> (until done: the overdue sweep's query)
//   outbox         PK OUTBOX#<ulid>                   SK OUTBOX       (the kit's: facts on their way to the bus)
import type { Absence, LeaveRequest, RegisterEntry, Report, TaskAssignment } from '@sifasuo/domain';
import { GSI3, indexKeys } from '@sifasuo/wiring/src/types';
import { tableName } from '../shared/aws';
import { scopedKeys } from '../shared/scope';

export const registersTable = () => tableName('registers');

const COUNTY = indexKeys(GSI3);

/** The scoped type of a register's entries (`ENTRY#petitions`). */
export const entryType = (register: string) => `ENTRY#${register}`;

export const keys = {
  entry: (e: Pick<RegisterEntry, 'id' | 'register' | 'officeId' | 'areaId' | 'filedOn'>) => ({
    PK: `ENTRY#${e.register}#${e.id}`, SK: 'ENTRY', ...scopedKeys(entryType(e.register), e, `${e.filedOn}#${e.id}`),
  }),
  entryId: (register: string, id: string) => ({ PK: `ENTRY#${register}#${id}`, SK: 'ENTRY' }),
  import: (uploadId: string) => ({ PK: `IMPORT#${uploadId}`, SK: 'IMPORT' }),
  upload: (uploadId: string) => ({ PK: `UPLOAD#${uploadId}`, SK: 'UPLOAD' }),
  leave: (l: Pick<LeaveRequest, 'id' | 'officeId' | 'areaId' | 'from'>) => ({ PK: `LEAVE#${l.id}`, SK: 'LEAVE', ...scopedKeys('LEAVE', l, `${l.from}#${l.id}`) }),
  leaveId: (id: string) => ({ PK: `LEAVE#${id}`, SK: 'LEAVE' }),
  absence: (a: Pick<Absence, 'id' | 'officeId' | 'areaId' | 'on'>) => ({ PK: `ABSENCE#${a.id}`, SK: 'ABSENCE', ...scopedKeys('ABSENCE', a, `${a.on}#${a.id}`) }),
  absenceId: (id: string) => ({ PK: `ABSENCE#${id}`, SK: 'ABSENCE' }),
  report: (r: Pick<Report, 'id' | 'officeId' | 'areaId' | 'period' | 'kind'>) => ({
    PK: `REPORT#${r.id}`, SK: 'REPORT', ...scopedKeys('REPORT', r, `${r.period}#${r.kind}#${r.id}`),
  }),
  reportId: (id: string) => ({ PK: `REPORT#${id}`, SK: 'REPORT' }),
  reportGuard: (officeId: string, kind: string, period: string) => ({ PK: `REPORT-ONE#${officeId}#${kind}#${period}`, SK: 'GUARD' }),
  task: (t: { id: string; dueOn: string }) => ({ PK: `TASK#${t.id}`, SK: 'TASK', [COUNTY.pk]: 'TASK', [COUNTY.sk]: `${t.dueOn}#${t.id}` }),
  taskId: (id: string) => ({ PK: `TASK#${id}`, SK: 'TASK' }),
  assignment: (a: Pick<TaskAssignment, 'taskId' | 'officeId' | 'areaId' | 'dueOn'>) => ({
    PK: `TASK#${a.taskId}`, SK: `OFFICE#${a.officeId}`, ...scopedKeys('ASSIGNMENT', a, `${a.dueOn}#${a.taskId}`),
  }),
  assignmentId: (taskId: string, officeId: string) => ({ PK: `TASK#${taskId}`, SK: `OFFICE#${officeId}` }),
  openTask: (a: Pick<TaskAssignment, 'taskId' | 'officeId' | 'dueOn'>) => ({
    PK: `TASK#${a.taskId}`, SK: `OPEN#${a.officeId}`, [COUNTY.pk]: 'OPEN-TASK', [COUNTY.sk]: `${a.dueOn}#${a.taskId}#${a.officeId}`,
  }),
};

// The mediation records the scope matrix asks about: for each of its offices (the caller's own, another
// of its area, one of another area) a case in each state, a screening with an ordinary and one with a
// major dispute, a submission as submitted and one returned, a committee and a mediator — created once
// per run through the API as the demo county admin (who may write every office's records; 人民调解股
// returns the returned one). Each subject can make a fresh record
// like its own (same office, type and state): a request the rules let succeed acts on a fresh one, so
// the fixtures never change and every later request finds them as they were made.
import { idNumberCheckChar, shanghaiDay, shanghaiMonth, type MediationCase, type OfficeRef } from '@sifasuo/domain';
import { api, cloud } from './cloud';
import type { MatrixEnv, Subject } from './route-cases';

export type MediationSubjectKind =
  | 'office-filters'
  | 'open-cases'
  | 'open-cases-reveal'
  | 'closed-cases'
  | 'withdrawn-cases'
  | 'screenings'
  | 'disputes'
  | 'major-disputes'
  | 'submissions'
  | 'returned-submissions'
  | 'committees'
  | 'mediators';

type Office = OfficeRef & { label: string };

// ---- Dates and distinct values -------------------------------------------------------------------

/** Today and this month in Shanghai, as the use cases count them. */
export const today = () => shanghaiDay(new Date());
export const thisMonth = () => shanghaiMonth(new Date());
const daysFrom = (day: string, days: number) => shanghaiDay(new Date(Date.parse(`${day}T12:00:00+08:00`) + days * 86_400_000));
export const inDays = (days: number) => daysFrom(today(), days);

/**
 * Past periods and months no demo year reaches, one per number: the n-th half-month counted back from
 * 2019-12, and the n-th month. Screenings and reports are one per office and period (or month).
 */
export const pastPeriod = (n: number) => {
  const year = 2019 - Math.floor(n / 24);
  const month = `${year}-${String(12 - (Math.floor(n / 2) % 12)).padStart(2, '0')}`;
  const half = (n % 2) + 1;
  return { period: `${month}-${half}`, screenedOn: `${month}-${half === 1 ? '10' : '20'}` };
};
export const pastMonth = (n: number) => `${2019 - Math.floor(n / 12)}-${String(12 - (n % 12)).padStart(2, '0')}`;

/** A valid ID number, distinct per number (the roster takes each ID number once in the county). */
export const matrixIdNumber = (n: number, sex: 'male' | 'female' = 'female') => {
  const born = shanghaiDay(new Date(Date.UTC(1960, 0, 1) + n * 86_400_000)).replace(/-/g, '');
  const first17 = `659001${born}${String(n % 50).padStart(2, '0')}${sex === 'male' ? 1 : 2}`;
  return first17 + idNumberCheckChar(first17);
};

// ---- Bodies --------------------------------------------------------------------------------------

export const newCaseBody = (officeId: string, n: number) => ({
  officeId,
  receivedOn: today(),
  source: 'cs-01',
  disputeType: 'dt-02',
  summary: `矩阵测试纠纷 ${n}：邻里通道之争`,
  parties: [
    { name: '矩阵申请人', role: 'applicant', idNumber: matrixIdNumber(n, 'male') },
    { name: '矩阵被申请人', role: 'respondent' },
  ],
});

/** What each case command sends besides the version, valid on a case received today. */
export const CASE_COMMAND_BODIES = {
  record: () => ({ on: today(), content: '矩阵测试：双方到所，调解员释法说理' }),
  close: () => ({ result: 'agreement', agreement: { form: 'written', terms: '矩阵测试：被申请人让出通道', amountFen: 120_000, performBy: inDays(30) } }),
  'follow-up': () => ({ visitedOn: today(), performance: 'performed', satisfaction: 'satisfied' }),
  confirm: () => ({ appliedOn: today(), court: '青山县人民法院', result: 'pending' }),
  'enter-online': () => ({}),
  review: () => ({ comment: '矩阵测试：同意' }),
  withdraw: () => ({ reason: '矩阵测试：当事人撤回申请' }),
} as const;

const disputeBody = (n: number, major: boolean) => ({
  name: `矩阵纠纷 ${n}`,
  disputeType: 'dt-02',
  parties: '矩阵甲、矩阵乙',
  peopleCount: major ? 30 : 2,
  riskLevel: major ? 'red' : 'yellow',
  major,
  measures: '矩阵测试：村调委会上门调处',
  responsible: '矩阵责任人',
  dueOn: inDays(7),
});
export const newScreeningBody = (officeId: string, n: number, disputes: { major: boolean }[] = []) => ({
  officeId,
  kind: 'half-month',
  ...pastPeriod(n),
  participants: '矩阵排查组',
  summary: '矩阵测试排查',
  disputes: disputes.map((d, i) => disputeBody(n * 10 + i, d.major)),
});
export const newSubmissionBody = (officeId: string, n: number) => ({ officeId, kind: 'news', title: `矩阵一句话新闻 ${n}`, content: '矩阵测试：本所调处一起邻里纠纷。' });
export const newCommitteeBody = (officeId: string, n: number) => ({ officeId, name: `矩阵调委会 ${n}`, kind: 'village', termStart: '2025-01-01', phone: '13800004444' });
export const newMediatorBody = (committee: { id: string; officeId: string; termStart: string; termEnd: string }, n: number) => ({
  officeId: committee.officeId,
  committeeId: committee.id,
  name: `矩阵调解员${n}`,
  sex: 'female',
  idNumber: matrixIdNumber(n),
  ethnicity: '汉族',
  education: '大学本科',
  post: 'mediator',
  fullTime: false,
  phone: '13800005555',
  termStart: committee.termStart,
  termEnd: committee.termEnd,
  trainings: [],
});

// ---- Making records as the county admin ------------------------------------------------------------

/** Sends as `who` (the admin unless said) and wants a success: the record it answers. */
export const asAdmin = async <T = any>(env: MatrixEnv, method: string, path: string, body?: unknown, who: 'admin' | 'reviewer' = 'admin'): Promise<T> => {
  const r = await api<T>(path, { method, token: env[who], body });
  if (r.status >= 300) throw new Error(`matrix: preparing with ${method} ${path} as ${who} answered ${r.status} ${JSON.stringify(r.body)?.slice(0, 300)}`);
  return r.body;
};

/** The bytes of a file route's answer (the JSON client would read them as text). */
export const fileAsAdmin = async (env: MatrixEnv, path: string): Promise<Buffer> => {
  const r = await fetch(`${cloud().url}${path}`, { headers: { authorization: `Bearer ${env.admin}` } });
  if (r.status !== 200) throw new Error(`matrix: downloading ${path} as admin answered ${r.status}`);
  return Buffer.from(await r.arrayBuffer());
};

type CaseState = 'open' | 'closed' | 'withdrawn';
const caseCommand = (env: MatrixEnv, c: MediationCase, command: 'close' | 'withdraw'): Promise<MediationCase> =>
  asAdmin(env, 'POST', `/api/mediation/cases/${c.id}/${command}`, { version: c.version, ...CASE_COMMAND_BODIES[command]() });

export const newCase = async (env: MatrixEnv, officeId: string, state: CaseState): Promise<MediationCase> => {
  const opened = await asAdmin<MediationCase>(env, 'POST', '/api/mediation/cases', newCaseBody(officeId, env.unique()));
  return state === 'open' ? opened : caseCommand(env, opened, state === 'closed' ? 'close' : 'withdraw');
};

const newScreening = (env: MatrixEnv, officeId: string, disputes: { major: boolean }[] = []) =>
  asAdmin(env, 'POST', '/api/mediation/screenings', newScreeningBody(officeId, env.unique(), disputes));
/** A new screening's one dispute (the screening answers with its ids; the detail has the records). */
const newDispute = async (env: MatrixEnv, officeId: string, major: boolean) => {
  const screening = await newScreening(env, officeId, [{ major }]);
  return (await asAdmin(env, 'GET', `/api/mediation/screenings/${screening.id}`)).disputes[0];
};
const newSubmission = (env: MatrixEnv, officeId: string) => asAdmin(env, 'POST', '/api/mediation/submissions', newSubmissionBody(officeId, env.unique()));
const newReturnedSubmission = async (env: MatrixEnv, officeId: string) => {
  const s = await newSubmission(env, officeId);
  return asAdmin(env, 'POST', `/api/mediation/submissions/${s.id}/return`, { version: s.version, comment: '矩阵测试：请补充调解经过' }, 'reviewer');
};
const newCommittee = (env: MatrixEnv, officeId: string) => asAdmin(env, 'POST', '/api/mediation/committees', newCommitteeBody(officeId, env.unique()));
const newMediator = (env: MatrixEnv, committee: any) => asAdmin(env, 'POST', '/api/mediation/mediators', newMediatorBody(committee, env.unique()));

/** The mediation subjects of the matrix, about the given offices. */
export const mediationSubjects = async (env: MatrixEnv, offices: Office[]): Promise<Record<MediationSubjectKind, Subject[]>> => {
  const of = (office: Office, what: string, record: any, fresh: () => Promise<any>): Subject => ({ label: `${office.label} 的${what}`, office, record, fresh });
  const subjects: Record<MediationSubjectKind, Subject[]> = {
    'office-filters': [{ label: '不限司法所' }, ...offices.map((office) => ({ label: `按 ${office.label} 筛选`, office }))],
    'open-cases': [], 'open-cases-reveal': [], 'closed-cases': [], 'withdrawn-cases': [],
    screenings: [], disputes: [], 'major-disputes': [], submissions: [], 'returned-submissions': [], committees: [], mediators: [],
  };
  for (const office of offices) {
    const id = office.id;
    const open = of(office, '受理中案件', await newCase(env, id, 'open'), () => newCase(env, id, 'open'));
    subjects['open-cases'].push(open);
    subjects['open-cases-reveal'].push(open, { ...open, label: `${open.label}（查看完整身份证号）`, reveal: true });
    subjects['closed-cases'].push(of(office, '已结案案件', await newCase(env, id, 'closed'), () => newCase(env, id, 'closed')));
    subjects['withdrawn-cases'].push(of(office, '已撤销案件', await newCase(env, id, 'withdrawn'), () => newCase(env, id, 'withdrawn')));
    subjects.screenings.push(of(office, '排查', await newScreening(env, id), () => newScreening(env, id)));
    subjects.disputes.push(of(office, '一般纠纷', await newDispute(env, id, false), () => newDispute(env, id, false)));
    subjects['major-disputes'].push(of(office, '未上报的重大纠纷', await newDispute(env, id, true), () => newDispute(env, id, true)));
    subjects.submissions.push(of(office, '已报送的报送', await newSubmission(env, id), () => newSubmission(env, id)));
    subjects['returned-submissions'].push(of(office, '已退回的报送', await newReturnedSubmission(env, id), () => newReturnedSubmission(env, id)));
    const committee = await newCommittee(env, id);
    subjects.committees.push(of(office, '调委会', committee, () => newCommittee(env, id)));
    subjects.mediators.push(of(office, '调解员', await newMediator(env, committee), () => newMediator(env, committee)));
  }
  return subjects;
};

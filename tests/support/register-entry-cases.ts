// The scope matrix's cases of the declared books' routes (one register stands for all: they share the
// routes and the use cases). Subjects are the matrix's offices (own, same area, other area); the entry
// a request is about is made through the API as the county admin, once per office — and a request the
// rules let change it acts on a fresh one, so the fixtures stay as made. The answers come from the
// domain's predicates, as in route-cases.ts.
import { canReadOffice, canReadReferenceData, canUpload, canWriteOfficeRecords, readScope, registerById, type Actor, type OfficeRef, type RegisterEntry } from '@sifasuo/domain';
import type { RouteKey } from '@sifasuo/wiring';
import { registerWorkbook } from '../../functions/src/registers/workbook';
import { api } from './cloud';
import { asAdmin } from './mediation-subjects';
import type { CaseOf, Caller, MatrixEnv, RouteCase, Subject } from './route-cases';

export type RegisterEntryRouteKey = Extract<RouteKey, `${string} /api/registers` | `${string} /api/registers/{register}/${string}` | `${string} /api/registers/uploads`>;

const REGISTER = registerById('petitions')!;
const ENTRIES = `/api/registers/${REGISTER.id}/entries`;
/** A year no demo reaches (the demo is the past twelve months). */
const PAST_YEAR = 2019;

const petitionBody = (officeId: string, n: number) => ({
  officeId,
  receivedAt: `${PAST_YEAR}-06-01T09:30:00+08:00`,
  channel: 'visit',
  visitors: [{ name: '矩阵来访人' }],
  peopleCount: 1,
  request: `矩阵测试来访 ${n}：反映道路积水`,
  handler: '矩阵接待人',
});
const newEntry = (env: MatrixEnv, officeId: string) => asAdmin<RegisterEntry>(env, 'POST', ENTRIES, petitionBody(officeId, env.unique()));
/** The office's entry the reads are about, made once. */
const entries = new Map<string, Promise<RegisterEntry>>();
const entryOf = (env: MatrixEnv, officeId: string) => {
  if (!entries.has(officeId)) entries.set(officeId, newEntry(env, officeId));
  return entries.get(officeId)!;
};
const updateBody = (e: RegisterEntry) => ({
  ...Object.fromEntries(REGISTER.fields.filter((f) => e[f.key] !== undefined).map((f) => [f.key, e[f.key]])),
  version: e.version,
});

// ---- The answers, from the domain's predicates --------------------------------------------------

/** An entry of the subject's office: the office scope (out of it answers as missing). */
const readsEntry = (a: Actor, s: Subject) => (canReadOffice(a, s.office!) ? 200 : 404);
/** A change to it: readable, then the office's own staff or the county admin. */
const changesEntry = (a: Actor, s: Subject) => (readsEntry(a, s) !== 200 ? 404 : canWriteOfficeRecords(a, s.office!.id) ? 200 : 403);
/** A new entry (or an import) of the office the body names. */
const createsEntry = (ok: number) => (a: Actor, s: Subject) => (canWriteOfficeRecords(a, s.office!.id) ? ok : 403);
/** Lists and books in scope (`listInScope`): no scope is a 403, and so is naming an office out of it. */
const inScope = (a: Actor, s: Subject) => (readScope(a).kind === 'none' ? 403 : s.office && !canReadOffice(a, s.office) ? 403 : 200);
const officeQuery = (s: Subject): Record<string, string> => (s.office ? { officeId: s.office.id } : {});

/** A request that may change the office's entry: on a fresh one where the rules let it succeed. */
const onEntry = (path: (e: RegisterEntry) => string, body: (e: RegisterEntry) => unknown): RouteCase => ({
  subjects: 'offices',
  expected: changesEntry,
  request: async ({ caller, subject, env }) => {
    const e = changesEntry(caller.actor, subject) < 300 ? await newEntry(env, subject.office!.id) : await entryOf(env, subject.office!.id);
    return { path: path(e), body: body(e), record: e };
  },
});

/** A one-row book of the office, uploaded by the caller (an import uses the caller's own upload only). */
const uploadedBook = async (caller: Caller, env: MatrixEnv, office: OfficeRef) => {
  const n = env.unique();
  const row = { ...petitionBody(office.id, n), id: `M${n}`, register: REGISTER.id, areaId: office.areaId } as unknown as RegisterEntry;
  const bytes = await registerWorkbook(REGISTER, [row], { year: PAST_YEAR, generatedAt: new Date() });
  const token = caller.tokens.accessToken;
  const ticket = await api('/api/registers/uploads', { method: 'POST', token, body: { purpose: 'import', fileName: '矩阵导入.xlsx', size: bytes.byteLength } });
  if (ticket.status !== 201) throw new Error(`matrix: ${caller.username}'s upload ticket answered ${ticket.status}`);
  const put = await fetch(ticket.body.url, { method: 'PUT', headers: ticket.body.headers, body: Buffer.from(bytes) });
  if (put.status !== 200) throw new Error(`matrix: uploading answered ${put.status}`);
  return ticket.body.uploadId as string;
};
/** An upload id nobody made (for callers refused before the upload is looked at). */
const NO_UPLOAD = '01J00000000000000000000000';

export const REGISTER_ENTRY_CASES: { [K in RegisterEntryRouteKey]: CaseOf<K> } = {
  'GET /api/registers': { subjects: 'none', request: () => ({ path: '/api/registers' }), expected: (a) => (canReadReferenceData(a) ? 200 : 403) },
  'GET /api/registers/{register}/entries': {
    subjects: 'office-filters',
    request: ({ subject }) => ({ path: ENTRIES, query: { ...officeQuery(subject), status: 'all' } }),
    expected: inScope,
    visible: (a, item: RegisterEntry, s) => canReadOffice(a, { id: item.officeId, areaId: item.areaId }) && (!s.office || item.officeId === s.office.id),
  },
  'POST /api/registers/{register}/entries': {
    subjects: 'offices',
    request: ({ subject, env }) => ({ path: ENTRIES, body: petitionBody(subject.office!.id, env.unique()) }),
    expected: createsEntry(201),
  },
  'GET /api/registers/{register}/entries/{entryId}': {
    subjects: 'offices',
    request: async ({ subject, env }) => ({ path: `${ENTRIES}/${(await entryOf(env, subject.office!.id)).id}` }),
    expected: readsEntry,
  },
  'PUT /api/registers/{register}/entries/{entryId}': onEntry((e) => `${ENTRIES}/${e.id}`, (e) => ({ ...updateBody(e), handling: 'answered' })),
  'POST /api/registers/{register}/entries/{entryId}/withdraw': onEntry((e) => `${ENTRIES}/${e.id}/withdraw`, (e) => ({ version: e.version, reason: '矩阵测试：重复登记' })),
  'GET /api/registers/{register}/export.xlsx': {
    subjects: 'office-filters',
    request: ({ subject }) => ({ path: `/api/registers/${REGISTER.id}/export.xlsx`, query: { ...officeQuery(subject), year: String(PAST_YEAR) } }),
    expected: inScope,
    file: 'xlsx',
  },
  'POST /api/registers/{register}/imports': {
    subjects: 'offices',
    request: async ({ caller, subject, env }) => ({
      path: `/api/registers/${REGISTER.id}/imports`,
      body: { officeId: subject.office!.id, uploadId: createsEntry(200)(caller.actor, subject) === 200 ? await uploadedBook(caller, env, subject.office!) : NO_UPLOAD },
    }),
    expected: createsEntry(200),
  },
  'POST /api/registers/uploads': {
    subjects: 'none',
    request: () => ({ path: '/api/registers/uploads', body: { purpose: 'import', fileName: '矩阵导入.xlsx', size: 1024 } }),
    expected: (a) => (canUpload(a, 'import') ? 201 : 403),
  },
};

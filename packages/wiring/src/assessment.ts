// assessment: the evidence ledger (every context's facts, from the bus through the assessment queue),
// rubrics (versioned by year), the monthly runs (the 11th's schedule or an assessor starts one; the
// fan-out consumer puts one message per office on the scoring queue; the last scorer ranks), deductions and bonuses,
// the notice (PDF, Excel), the live month and radar, and the year-end funding.
import {
  adjustmentInput,
  OFFICE_CLASSES,
  adjustmentQuery,
  approveFundingInput,
  approveRunInput,
  drilldownQuery,
  fundingInput,
  fundingQuery,
  liveQuery,
  radarQuery,
  rubricInput,
  rubricQuery,
  runsQuery,
  scoresQuery,
  startRunInput,
  withdrawAdjustmentInput,
  type Adjustment,
  type Alert,
  type AssessmentRun,
  type CountyRadar,
  type Drilldown,
  type FundingAllocation,
  type LiveMonth,
  type MonthScores,
  type Rubric,
  type RubricVersions,
} from '@sifasuo/domain';
import * as z from 'zod';
import { factEvents } from './facts';
import { AUDITED, CJK_FONT_FILE, defineContext, event, fileReply, GSI1, reply, route } from './types';

const READS_ORG = { table: 'org', access: 'read' } as const;
const OWN_TABLE = { table: 'assessment', access: 'readwrite' } as const;

export const assessmentEvents = {
  /** A run started or resumed: the fan-out consumer asks every office not yet scored. */
  RunStarted: event('assessment', 'RunStarted', z.strictObject({ runId: z.string().min(1).max(40) })),
  /**
   * One per office of a run: the scoring queue's message (fan-out through the bus). It carries the
   * office as the fan-out read it, so a scorer reads no office records (a province's scorers would
   * each read every office otherwise).
   */
  OfficeScoringRequested: event('assessment', 'OfficeScoringRequested', z.strictObject({
    runId: z.string().min(1).max(40),
    office: z.strictObject({ id: z.string().min(1).max(20), name: z.string().min(1).max(100), areaId: z.string().min(1).max(20), officeClass: z.enum(OFFICE_CLASSES) }),
  })),
};

export const assessment = defineContext({
  context: 'assessment',
  tables: [
    // Facts by office and month; GSI1 finds a kind's facts of a month across offices (the leader's alerts).
    { id: 'assessment', context: 'assessment', indexes: [GSI1], personalData: false },
  ],
  functions: [
    {
      id: 'assessment-api', context: 'assessment', kind: 'api', entry: 'functions/src/assessment/api.ts',
      tables: [OWN_TABLE, READS_ORG, AUDITED], publishesEvents: true, timeoutSeconds: 29, memoryMb: 1024,
    },
    {
      // The notice (PDF with the CJK font, Excel) and the funding workbook.
      id: 'assessment-documents', context: 'assessment', kind: 'api', entry: 'functions/src/assessment/documents-api.ts',
      tables: [OWN_TABLE, READS_ORG, AUDITED], bundleFiles: [CJK_FONT_FILE],
      timeoutSeconds: 60, memoryMb: 1024,
    },
    {
      id: 'assessment-ledger', context: 'assessment', kind: 'consumer', entry: 'functions/src/assessment/ledger.ts',
      tables: [OWN_TABLE], timeoutSeconds: 30, memoryMb: 256,
    },
    {
      // A run's one message per office, outside the POST (API Gateway answers within 29 s; a province's fan-out may not).
      id: 'assessment-fanout', context: 'assessment', kind: 'consumer', entry: 'functions/src/assessment/fanout.ts',
      tables: [OWN_TABLE, READS_ORG], publishesEvents: true, timeoutSeconds: 900, memoryMb: 512,
    },
    {
      id: 'assessment-scorer', context: 'assessment', kind: 'consumer', entry: 'functions/src/assessment/scorer.ts',
      tables: [OWN_TABLE], timeoutSeconds: 120, memoryMb: 1024,
    },
    {
      id: 'assessment-monthly', context: 'assessment', kind: 'schedule', entry: 'functions/src/assessment/monthly.ts',
      tables: [OWN_TABLE, READS_ORG, AUDITED], publishesEvents: true, timeoutSeconds: 300, memoryMb: 512,
    },
    {
      // Twelve approved months for the demo county, scored from the other seeds' facts (local only).
      id: 'assessment-demo-seed', context: 'assessment', kind: 'seed', entry: 'functions/src/assessment/seed.ts',
      tables: [OWN_TABLE, READS_ORG, AUDITED], timeoutSeconds: 900, memoryMb: 1024,
    },
  ],
  events: assessmentEvents,
  queues: [
    // Every context's facts: duplicates and re-orderings change nothing; a poison message reaches the DLQ.
    { id: 'assessment-facts', consumer: 'assessment-ledger', batchSize: 10, maxReceiveCount: 5, visibilityTimeoutSeconds: 180 },
    { id: 'assessment-runs', consumer: 'assessment-fanout', batchSize: 1, maxReceiveCount: 5, visibilityTimeoutSeconds: 5_400 },
    // Two hundred offices to an invocation (written in three transactions): a county's run is one, a province's a hundred.
    { id: 'assessment-scoring', consumer: 'assessment-scorer', batchSize: 200, batchingWindowSeconds: 1, maxReceiveCount: 5, visibilityTimeoutSeconds: 720 },
  ],
  eventRules: [
    { id: 'assessment-facts', events: [factEvents.FactRecorded, factEvents.FactRetracted], targetQueue: 'assessment-facts' },
    { id: 'assessment-runs', events: [assessmentEvents.RunStarted], targetQueue: 'assessment-runs' },
    { id: 'assessment-scoring', events: [assessmentEvents.OfficeScoringRequested], targetQueue: 'assessment-scoring' },
  ],
  schedules: [
    {
      id: 'assessment-monthly-run', function: 'assessment-monthly', timezone: 'Asia/Shanghai',
      cron: { minute: '0', hour: '2', dayOfMonth: '11', month: '*', dayOfWeek: '?' },
      description: '每月11日 02:00 为上月启动月度评分（各项报送期限均已届满）',
    },
  ],
  routes: [
    // Rubrics (versioned by year; the county admin edits).
    route('GET', '/api/assessment/rubrics/{year}', 'assessment-api', { query: rubricQuery, response: reply<RubricVersions>() }),
    route('PUT', '/api/assessment/rubrics/{year}', 'assessment-api', { body: rubricInput, response: reply<Rubric>() }),
    // Monthly runs.
    route('GET', '/api/assessment/runs', 'assessment-api', { query: runsQuery, response: reply<{ items: AssessmentRun[] }>() }),
    route('POST', '/api/assessment/runs', 'assessment-api', { body: startRunInput, response: reply<{ runId: string }>() }),
    route('GET', '/api/assessment/runs/{runId}', 'assessment-api', { response: reply<AssessmentRun>() }),
    route('POST', '/api/assessment/runs/{runId}/approve', 'assessment-api', { body: approveRunInput, response: reply<AssessmentRun>() }),
    route('GET', '/api/assessment/runs/{runId}/notice.pdf', 'assessment-documents', { response: fileReply() }),
    route('GET', '/api/assessment/runs/{runId}/notice.xlsx', 'assessment-documents', { response: fileReply() }),
    // Scores, drill-down, deductions and bonuses.
    route('GET', '/api/assessment/scores', 'assessment-api', { query: scoresQuery, response: reply<MonthScores>() }),
    route('GET', '/api/assessment/drilldown', 'assessment-api', { query: drilldownQuery, response: reply<Drilldown>() }),
    route('GET', '/api/assessment/deductions', 'assessment-api', { query: adjustmentQuery, response: reply<{ items: Adjustment[] }>() }),
    route('POST', '/api/assessment/deductions', 'assessment-api', { body: adjustmentInput, response: reply<Adjustment>() }),
    route('POST', '/api/assessment/deductions/{adjustmentId}/withdraw', 'assessment-api', { body: withdrawAdjustmentInput, response: reply<Adjustment>() }),
    // The live month, the county's heat map, the leader's alerts.
    route('GET', '/api/assessment/live', 'assessment-api', { query: liveQuery, response: reply<LiveMonth>() }),
    route('GET', '/api/assessment/radar', 'assessment-api', { query: radarQuery, response: reply<CountyRadar>() }),
    route('GET', '/api/assessment/alerts', 'assessment-api', { response: reply<{ items: Alert[] }>() }),
    // Year end.
    route('GET', '/api/assessment/funding', 'assessment-api', { query: fundingQuery, response: reply<{ items: FundingAllocation[] }>() }),
    route('POST', '/api/assessment/funding', 'assessment-api', { body: fundingInput, response: reply<FundingAllocation>() }),
    route('GET', '/api/assessment/funding/{fundingId}', 'assessment-api', { response: reply<FundingAllocation>() }),
    route('POST', '/api/assessment/funding/{fundingId}/approve', 'assessment-api', { body: approveFundingInput, response: reply<FundingAllocation>() }),
    route('GET', '/api/assessment/funding/{fundingId}/export.xlsx', 'assessment-documents', { response: fileReply() }),
  ],
  seed: 'assessment-demo-seed',
});

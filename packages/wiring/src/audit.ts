// audit: the append-only trail every context writes, its WORM vault copy and the daily digest.
import { auditRecordsQuery, auditSummaryQuery, digestRange, type AuditDaySummary, type AuditRecord, type Page, type VerifiedDigest } from '@sifasuo/domain';
import { AUDITED, defineContext, GSI1, GSI2, reply, route } from './types';

export const audit = defineContext({
  context: 'audit',
  tables: [
    {
      id: 'audit', context: 'audit', indexes: [GSI1, GSI2], personalData: true, appendOnly: true,
      // PutItem could still overwrite a record: the stream copies every insert to the WORM vault and
      // reports any change or removal as tampering, with the old image kept.
      stream: { consumer: 'audit-vault', batchSize: 100 },
    },
  ],
  buckets: [
    // A write-once copy of every audit record, kept ≥ 180 days (docs/domain.md, Security duties) where nobody can alter it.
    { id: 'audit-vault', objectLock: true, retentionDays: 180 },
  ],
  functions: [
    {
      id: 'audit-api', context: 'audit', kind: 'api', entry: 'functions/src/audit/api.ts',
      tables: [{ table: 'audit', access: 'read' }, AUDITED], timeoutSeconds: 10, memoryMb: 512,
    },
    {
      id: 'audit-vault', context: 'audit', kind: 'stream', entry: 'functions/src/audit/vault.ts',
      tables: [], buckets: [{ bucket: 'audit-vault', access: 'write-once' }], timeoutSeconds: 60, memoryMb: 512,
    },
    {
      id: 'audit-digest', context: 'audit', kind: 'schedule', entry: 'functions/src/audit/digest.ts',
      tables: [{ table: 'audit', access: 'read' }, AUDITED], buckets: [{ bucket: 'audit-vault', access: 'write-once' }],
      timeoutSeconds: 300, memoryMb: 512,
    },
  ],
  routes: [
    route('GET', '/api/audit/records', 'audit-api', { query: auditRecordsQuery, response: reply<Page<AuditRecord>>() }),
    route('GET', '/api/audit/summary', 'audit-api', { query: auditSummaryQuery, response: reply<AuditDaySummary>() }),
    route('GET', '/api/audit/digests', 'audit-api', { query: digestRange, response: reply<{ items: VerifiedDigest[] }>() }),
  ],
  schedules: [
    {
      id: 'audit-daily-digest', function: 'audit-digest', timezone: 'Asia/Shanghai',
      cron: { minute: '10', hour: '1', dayOfMonth: '*', month: '*', dayOfWeek: '?' },
      description: '每日 01:10 为前一日的审计记录计算哈希链摘要，并补齐审计存证库中缺少的副本',
    },
  ],
});

// The audit context's calls: one page of the audit log.
import type { RequestQuery } from '@sifasuo/wiring';
import { call } from '../kit/api';

export const auditApi = {
  records: (query: RequestQuery<'GET /api/audit/records'>) => call('GET /api/audit/records', { query }),
};

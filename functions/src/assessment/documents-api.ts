// PLACEHOLDER (contract): the notice (PDF, Excel) and the funding workbook.
import { assessment } from '@sifasuo/wiring/src/assessment';
import { auditedApiHandler } from '../shared/audited-api';

const notYet = async (): Promise<never> => {
  throw new Error('not written yet');
};

export const handler = auditedApiHandler(assessment, 'assessment-documents', {
  'GET /api/assessment/runs/{runId}/notice.pdf': { handle: notYet },
  'GET /api/assessment/runs/{runId}/notice.xlsx': { handle: notYet },
  'GET /api/assessment/funding/{fundingId}/export.xlsx': { handle: notYet },
});

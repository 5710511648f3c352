// The year-end funding: drafts (departments, the leader), the year's list, one allocation, the leader's approval.
import { ASSESSMENT_AUDIT } from '@sifasuo/domain';
import { created, ok, type RouteTable } from '../shared/http';
import { funding } from './funding';

const yearOf = (raw: unknown): string => {
  const year = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as { year?: unknown }).year : undefined;
  return typeof year === 'number' && Number.isInteger(year) ? String(year) : '';
};

export const fundingRoutes: RouteTable<'GET /api/assessment/funding' | 'POST /api/assessment/funding' | 'GET /api/assessment/funding/{fundingId}' | 'POST /api/assessment/funding/{fundingId}/approve'> = {
  'GET /api/assessment/funding': { handle: async ({ ctx, query }) => ok(await funding.list(ctx, query.year)) },
  'POST /api/assessment/funding': {
    // A refused draft names the year it asked for (there is no allocation yet).
    audit: { action: ASSESSMENT_AUDIT['funding.draft'], targetId: ({ raw }) => yearOf(raw) },
    handle: async ({ ctx, body }) => created(await funding.draft(ctx, body)),
  },
  'GET /api/assessment/funding/{fundingId}': { handle: async ({ ctx, path }) => ok(await funding.get(ctx, path.fundingId)) },
  'POST /api/assessment/funding/{fundingId}/approve': {
    audit: { action: ASSESSMENT_AUDIT['funding.approve'], targetId: ({ path }) => path.fundingId ?? '' },
    handle: async ({ ctx, path, body }) => ok(await funding.approve(ctx, path.fundingId, body.comment)),
  },
};

// Rubrics: thin adapters to rubrics.ts.
import { ASSESSMENT_AUDIT, canEditRubric, canReadReferenceData, forbidden, notFound } from '@sifasuo/domain';
import { ok, type RouteTable } from '../shared/http';
import { requireActor } from '../shared/record-access';
import { rubricVersions, saveRubric } from './rubrics';

/** The path's year; one that is not a year names no rubric (404). */
const yearOf = (raw: string): number => {
  const year = /^\d{4}$/.test(raw) ? Number(raw) : NaN;
  if (!(year >= 2000 && year <= 2100)) throw notFound('该年度的评分细则');
  return year;
};

export const rubricRoutes: RouteTable<'GET /api/assessment/rubrics/{year}' | 'PUT /api/assessment/rubrics/{year}'> = {
  'GET /api/assessment/rubrics/{year}': {
    handle: async ({ ctx, path, query }) => {
      if (!canReadReferenceData(requireActor(ctx))) throw forbidden();
      return ok(await rubricVersions(yearOf(path.year), query.version));
    },
  },
  'PUT /api/assessment/rubrics/{year}': {
    audit: { action: ASSESSMENT_AUDIT['rubric.save'], targetId: ({ path }) => path.year ?? '' },
    handle: async ({ ctx, path, body }) => {
      if (!canEditRubric(requireActor(ctx))) throw forbidden('只有县局管理员可以修订评分细则');
      return ok(await saveRubric(ctx, yearOf(path.year), body));
    },
  },
};

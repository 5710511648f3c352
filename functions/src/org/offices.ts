// Bureau, departments, areas and offices: read within scope, changed by the county admin.
import {
  centralOfficeProblems,
  createOfficeInput,
  forbidden,
  notFound,
  officeListQuery,
  pageQuery,
  parseInput,
  readScope,
  updateOfficeInput,
  type Area,
  type Office,
  type Page,
} from '@sifasuo/domain';
import type { RequestContext } from '../shared/audit-writer';
import { loadOffice, readableOffice, requireAdmin, requireReferenceReader, throwIfAny } from './access';
import { orgRepository as repo } from './repository';

export const offices = {
  getBureau: async (ctx: RequestContext) => {
    requireReferenceReader(ctx);
    const bureau = await repo.getBureau();
    if (!bureau) throw notFound('司法局信息');
    return bureau;
  },

  listDepartments: async (ctx: RequestContext) => {
    requireReferenceReader(ctx);
    return { items: await repo.listDepartments() };
  },

  /** Areas the caller can see: all, or the one its office belongs to. */
  listAreas: async (ctx: RequestContext): Promise<Page<Area>> => {
    const actor = requireReferenceReader(ctx);
    const areas = await repo.listAreas();
    const scope = readScope(actor);
    if (scope.kind === 'all') return { items: areas };
    const own = scope.kind === 'area' ? scope.areaId : scope.kind === 'office' ? (await repo.getOffice(scope.officeId))?.areaId : undefined;
    return { items: areas.filter((a) => a.id === own) };
  },

  listOffices: async (ctx: RequestContext, query: unknown): Promise<Page<Office>> => {
    const actor = requireReferenceReader(ctx);
    const q = parseInput(pageQuery.extend(officeListQuery.shape), query);
    const scope = readScope(actor);
    switch (scope.kind) {
      case 'all':
        return q.areaId ? repo.listOfficesOfArea(q.areaId, q.limit, q.cursor) : repo.listOffices(q.limit, q.cursor);
      case 'area':
        if (q.areaId && q.areaId !== scope.areaId) throw forbidden('无权查看其他片区的司法所');
        return repo.listOfficesOfArea(scope.areaId, q.limit, q.cursor);
      case 'office': {
        const own = await repo.getOffice(scope.officeId);
        return { items: own && (!q.areaId || q.areaId === own.areaId) ? [own] : [] };
      }
      case 'none':
        throw forbidden();
    }
  },

  getOffice: (ctx: RequestContext, id: string) => readableOffice(ctx, id),

  createOffice: async (ctx: RequestContext, body: unknown): Promise<Office> => {
    requireAdmin(ctx);
    const input = parseInput(createOfficeInput, body);
    throwIfAny(centralOfficeProblems(input, await repo.getArea(input.areaId)));
    const office: Office = { ...input, version: 1, updatedAt: ctx.now.toISOString() };
    await repo.createOffice(ctx, office);
    return office;
  },

  updateOffice: async (ctx: RequestContext, id: string, body: unknown): Promise<Office> => {
    requireAdmin(ctx);
    const { version, ...input } = parseInput(updateOfficeInput, body);
    const before = await loadOffice(id);
    throwIfAny(centralOfficeProblems({ ...input, id }, await repo.getArea(input.areaId), before));
    const after: Office = { ...input, id, version: version + 1, updatedAt: ctx.now.toISOString() };
    await repo.replaceOffice(ctx, before, after, version);
    return after;
  },
};

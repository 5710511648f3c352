// Bureau, departments, areas and offices: read within scope, changed by the county admin.
import {
  centralOfficeProblems,
  notFound,
  readScope,
  type Area,
  type CreateOfficeInput,
  type Office,
  type OfficeListQuery,
  type Page,
  type UpdateOfficeInput,
} from '@sifasuo/domain';
import type { RequestContext } from '../shared/request-context';
import { listInScope } from '../shared/scope';
import { loadOffice, readableOffice, requireAdmin, requireReferenceReader, throwIfAny } from './access';
import { orgRepository as repo } from './repository';

const onePage = (office: Office | undefined): Page<Office> => ({ items: office ? [office] : [] });

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

  listOffices: async (ctx: RequestContext, q: OfficeListQuery): Promise<Page<Office>> =>
    listInScope(
      requireReferenceReader(ctx),
      { areaId: q.areaId },
      {
        all: () => repo.listOffices(q.limit, q.cursor),
        byArea: (areaId) => repo.listOfficesOfArea(areaId, q.limit, q.cursor),
        byOffice: async (officeId) => onePage(await repo.getOffice(officeId)),
      },
      (o) => ({ officeId: o.id, areaId: o.areaId }),
    ),

  getOffice: (ctx: RequestContext, id: string) => readableOffice(ctx, id),

  createOffice: async (ctx: RequestContext, input: CreateOfficeInput): Promise<Office> => {
    requireAdmin(ctx);
    throwIfAny(centralOfficeProblems(input, await repo.getArea(input.areaId)));
    const office: Office = { ...input, version: 1, updatedAt: ctx.now.toISOString() };
    await repo.createOffice(ctx, office);
    return office;
  },

  updateOffice: async (ctx: RequestContext, id: string, { version, ...input }: UpdateOfficeInput): Promise<Office> => {
    requireAdmin(ctx);
    const before = await loadOffice(id);
    throwIfAny(centralOfficeProblems({ ...input, id }, await repo.getArea(input.areaId), before));
    const after: Office = { ...input, id, version: version + 1, updatedAt: ctx.now.toISOString() };
    await repo.replaceOffice(ctx, before, after, version);
    return after;
  },
};

// The declared books' JSON routes: the catalogue, one set of entry routes for every register (`{register}`
// names it; its body schema is chosen by the adapter from the wiring's `bodyByPath`), and upload tickets.
import { canReadReferenceData, describeRegister, forbidden, REGISTERS, REGISTERS_AUDIT, type RegisterCatalogue } from '@sifasuo/domain';
import { bodyString, created, ok, type RawRequest, type RouteTable } from '../shared/http';
import { entries, requireActor } from './entries';
import { uploadTickets } from './uploads';

type Keys =
  | 'GET /api/registers'
  | 'GET /api/registers/{register}/entries'
  | 'POST /api/registers/{register}/entries'
  | 'GET /api/registers/{register}/entries/{entryId}'
  | 'PUT /api/registers/{register}/entries/{entryId}'
  | 'POST /api/registers/{register}/entries/{entryId}/withdraw'
  | 'POST /api/registers/uploads';

type Action = keyof typeof REGISTERS_AUDIT;
const onEntry = (action: Action) => ({ action: REGISTERS_AUDIT[action], targetId: ({ path }: RawRequest) => path.entryId ?? '' });

/** The catalogue is the same for everyone who works with the books. */
const CATALOGUE: RegisterCatalogue = { registers: REGISTERS.map(describeRegister) };

export const entryRoutes: RouteTable<Keys> = {
  'GET /api/registers': {
    handle: async ({ ctx }) => {
      if (!canReadReferenceData(requireActor(ctx))) throw forbidden();
      return ok(CATALOGUE);
    },
  },
  'GET /api/registers/{register}/entries': { handle: async ({ ctx, path, query }) => ok(await entries.list(ctx, path.register, query)) },
  'POST /api/registers/{register}/entries': {
    audit: { action: REGISTERS_AUDIT['entry.create'], targetId: ({ raw }) => bodyString(raw, 'officeId') },
    handle: async ({ ctx, path, body }) => created(await entries.create(ctx, path.register, body as Parameters<typeof entries.create>[2])),
  },
  'GET /api/registers/{register}/entries/{entryId}': { handle: async ({ ctx, path }) => ok(await entries.get(ctx, path.register, path.entryId)) },
  'PUT /api/registers/{register}/entries/{entryId}': {
    audit: onEntry('entry.update'),
    handle: async ({ ctx, path, body }) => ok(await entries.update(ctx, path.register, path.entryId, body as Parameters<typeof entries.update>[3])),
  },
  'POST /api/registers/{register}/entries/{entryId}/withdraw': {
    audit: onEntry('entry.withdraw'),
    handle: async ({ ctx, path, body }) => ok(await entries.withdraw(ctx, path.register, path.entryId, body)),
  },
  'POST /api/registers/uploads': {
    audit: { action: REGISTERS_AUDIT['upload.create'], targetId: ({ raw }) => bodyString(raw, 'fileName') },
    handle: async ({ ctx, body }) => created(await uploadTickets.create(ctx, body)),
  },
};

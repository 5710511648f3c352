// How a context puts its pages into the portal: one declaration per context (`web/src/<context>/portal.tsx`)
// with its routes and menu entries, listed once in `web/src/contexts.ts`. `main.tsx` builds the router
// and `AppLayout` the menu from these declarations; who sees what is a permission predicate
// (kit/permissions.ts), never a list of roles.
import { createElement, type ComponentType, type ReactNode } from 'react';
import { HomeOutlined } from '@ant-design/icons';
import { contexts as wired, type ContextName } from '@sifasuo/wiring';
import type { Permission } from './permissions';
import type { Me } from './session';

export interface PortalRoute {
  /** The path under `/`, react-router syntax: `offices/:officeId`. */
  path: string;
  /** The page: `lazy(() => import('./Offices'))`, so its code loads on the first visit. */
  page: ComponentType;
  /**
   * Who may open the page; anyone else sees 无权访问. Omitted: every signed-in user, the page
   * showing the server's answer (403 for data outside the user's scope).
   */
  allow?: Permission;
  /** Outside the signed-in layout and reachable without a session (the login page). */
  public?: boolean;
}

export interface MenuEntry {
  /** `data-testid="menu-<id>"` on the entry's link. */
  id: string;
  label: string;
  icon: ReactNode;
  /** Where the entry leads: a path, or one of the user's own (their office); `undefined` hides it. */
  to: string | ((me: Me) => string | undefined);
  allow: Permission;
  /** `admin` entries (accounts, dictionaries, audit) follow every context's `work` entries. Default `work`. */
  section?: 'work' | 'admin';
}

/** An entry of the header's account menu and the dialog it opens (修改密码). */
export interface AccountAction {
  id: string;
  label: string;
  icon: ReactNode;
  dialog: ComponentType<{ open: boolean; onClose: () => void }>;
}

/** What a home card is about; the home shows alerts first, then to-dos, due items and figures. */
export type HomeCardKind = 'alert' | 'todo' | 'due' | 'kpi';

/**
 * A card a context puts on the home (工作台) of the roles it is for: a to-do list, items falling due,
 * a figure or an alert. The home knows no context: it shows the cards each user is allowed.
 */
export interface HomeCard {
  /** `data-testid="home-card-<id>"`. */
  id: string;
  title: string;
  kind: HomeCardKind;
  allow: Permission;
  /** The card's content, loading its own data: `lazy(() => import('./home/Staffing'))`. */
  body: ComponentType<{ me: Me }>;
  /** Charts and tables take the whole row on a wide screen. */
  wide?: boolean;
}

export interface PortalContext {
  /** The context's name as its wiring declares it. */
  context: ContextName;
  routes: readonly PortalRoute[];
  menu?: readonly MenuEntry[];
  /** Cards for the roles' homes (工作台). */
  home?: readonly HomeCard[];
  /** Shown in the header after the user's name and roles (the user's office). */
  header?: ComponentType<{ me: Me }>;
  account?: readonly AccountAction[];
  /**
   * How a record this context names in a fact (`{context, type, id}`) opens on its own page: the
   * record's type → its path. Other contexts (the assessment's drill-down) link through these.
   */
  recordLinks?: Readonly<Record<string, RecordLink>>;
}

/** What a record link knows beside the record's id: the month and office its fact counts in. */
export interface RecordHint {
  month: string;
  officeId: string;
}
/** A record's page, from its id (and the fact's month and office, for pages that open on a month). */
export type RecordLink = (id: string, hint: RecordHint) => string;

/** The contexts joined (by `joinPortal`): where a context's page finds another's record links without importing it. */
let joined: readonly PortalContext[] = [];

/** The page of a record a fact names, or `undefined` when no context declares its type (shown as text). */
export const recordLinkFor = (ref: { context: string; type: string; id: string }, hint: RecordHint): string | undefined => {
  const links = joined.find((c) => c.context === ref.context)?.recordLinks;
  const link = links && Object.hasOwn(links, ref.type) ? links[ref.type] : undefined;
  return link?.(ref.id, hint);
};

/** A context's portal part, typed. */
export const definePortal = (c: PortalContext): PortalContext => c;

/** Joins the contexts' portal parts; throws (at load) on a context the wiring does not join or a path declared twice. */
export const joinPortal = (list: readonly PortalContext[]): readonly PortalContext[] => {
  const names = new Set(wired.map((c) => c.context));
  const problems = list.filter((c) => !names.has(c.context)).map((c) => `${c.context} is not a context of the wiring`);
  const paths = list.flatMap((c) => c.routes.map((r) => r.path));
  problems.push(...paths.filter((p, i) => paths.indexOf(p) !== i).map((p) => `route ${p} is declared twice`));
  const cards = list.flatMap((c) => (c.home ?? []).map((h) => h.id));
  problems.push(...cards.filter((id, i) => cards.indexOf(id) !== i).map((id) => `home card ${id} is declared twice`));
  if (problems.length) throw new Error(`portal: ${problems.join('; ')}`);
  joined = list;
  return list;
};

const KIND_ORDER: readonly HomeCardKind[] = ['alert', 'todo', 'due', 'kpi'];

/** The cards a user's home shows: those allowed, alerts first, then in the contexts' order. */
export const homeCardsFor = (contexts: readonly PortalContext[], me: Me): HomeCard[] =>
  contexts
    .flatMap((c) => c.home ?? [])
    .filter((card) => card.allow(me))
    .map((card, i) => ({ card, i }))
    .sort((a, b) => KIND_ORDER.indexOf(a.card.kind) - KIND_ORDER.indexOf(b.card.kind) || a.i - b.i)
    .map(({ card }) => card);

export interface ShownEntry {
  id: string;
  label: string;
  icon: ReactNode;
  path: string;
}

/** The kit's own entry, first in every menu: the home (工作台). */
export const HOME_ENTRY: MenuEntry = { id: 'home', label: '首页', icon: createElement(HomeOutlined), to: '/', allow: () => true };

/** The menu a user sees: 首页, then the entries they are allowed, `work` before `admin`, in the contexts' order. */
export const menuFor = (contexts: readonly PortalContext[], me: Me): ShownEntry[] => {
  const entries = [HOME_ENTRY, ...contexts.flatMap((c) => c.menu ?? [])];
  const ordered = [...entries.filter((e) => e.section !== 'admin'), ...entries.filter((e) => e.section === 'admin')];
  return ordered.flatMap((e) => {
    if (!e.allow(me)) return [];
    const path = typeof e.to === 'function' ? e.to(me) : e.to;
    return path ? [{ id: e.id, label: e.label, icon: e.icon, path }] : [];
  });
};

// How a context puts its pages into the portal: one declaration per context (`web/src/<context>/portal.tsx`)
// with its routes and menu entries, listed once in `web/src/contexts.ts`. `main.tsx` builds the router
// and `AppLayout` the menu from these declarations; who sees what is a permission predicate
// (kit/permissions.ts), never a list of roles.
import type { ComponentType, ReactNode } from 'react';
import type { ContextName } from '@sifasuo/wiring';
import type { Permission } from './permissions';
import type { Me } from './session';

export interface PortalRoute {
  /** The path under `/`, react-router syntax: `offices/:officeId`. */
  path: string;
  /** The page's module (its default export), loaded on the first visit. */
  page: () => Promise<{ default: ComponentType }>;
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

export interface PortalContext {
  context: ContextName;
  routes: readonly PortalRoute[];
  menu?: readonly MenuEntry[];
}

/** A context's portal part, typed. */
export const definePortal = (c: PortalContext): PortalContext => c;

export interface ShownEntry {
  id: string;
  label: string;
  icon: ReactNode;
  path: string;
}

/** The menu a user sees: the entries they are allowed, `work` before `admin`, in the contexts' order. */
export const menuFor = (contexts: readonly PortalContext[], me: Me): ShownEntry[] => {
  const entries = contexts.flatMap((c) => c.menu ?? []);
  const ordered = [...entries.filter((e) => e.section !== 'admin'), ...entries.filter((e) => e.section === 'admin')];
  return ordered.flatMap((e) => {
    if (!e.allow(me)) return [];
    const path = typeof e.to === 'function' ? e.to(me) : e.to;
    return path ? [{ id: e.id, label: e.label, icon: e.icon, path }] : [];
  });
};

import { useEffect, type ReactNode } from 'react';
import { Navigate } from 'react-router-dom';
import type { Role } from '@sifasuo/domain';
import { clearSession, getSession, sessionProblem, type Me } from './session';
import { Forbidden } from './results';

/** The signed-in user (pages only render inside RequireAuth). */
export const useMe = (): Me => getSession()?.user ?? { username: '', displayName: '', roles: [] };

export const hasRole = (me: Me | undefined, ...roles: Role[]) => !!me && me.roles.some((r) => roles.includes(r));

export const RequireAuth = ({ children }: { children: ReactNode }) => {
  const problem = sessionProblem();
  useEffect(() => {
    if (problem && problem !== 'unauthenticated') clearSession();
  }, [problem]);
  if (problem) return <Navigate to={problem === 'unauthenticated' ? '/login' : `/login?reason=${problem}`} replace />;
  return <>{children}</>;
};

/** Hides pages the role cannot use; the server refuses the data regardless. */
export const RequireRole = ({ roles, children }: { roles: Role[]; children: ReactNode }) => {
  const me = getSession()?.user;
  return hasRole(me, ...roles) ? <>{children}</> : <Forbidden />;
};

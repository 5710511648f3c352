import { useEffect, type ReactNode } from 'react';
import { Navigate } from 'react-router-dom';
import type { Permission } from './permissions';
import { endSession, getSession, loginPath, sessionProblem, type Me } from './session';
import { LazyForbidden } from './loading';

/** The signed-in user (pages only render inside RequireAuth). */
export const useMe = (): Me => getSession()?.user ?? { username: '', displayName: '', roles: [] };

export const RequireAuth = ({ children }: { children: ReactNode }) => {
  const problem = sessionProblem();
  useEffect(() => {
    if (problem && problem !== 'unauthenticated') endSession(problem);
  }, [problem]);
  if (problem) return <Navigate to={loginPath(problem)} replace />;
  return <>{children}</>;
};

/** Hides pages the user may not use (a domain permission); the server refuses the data regardless. */
export const Allowed = ({ allow, children }: { allow?: Permission; children: ReactNode }) => {
  const me = useMe();
  return !allow || allow(me) ? <>{children}</> : <LazyForbidden />;
};

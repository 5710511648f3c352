// The signed-in session: tokens and the user in sessionStorage (gone when the tab closes), the idToken's
// `exp`, and the idle timeout (IDLE_TIMEOUT_MINUTES without keyboard/mouse activity logs the user out).
import { IDLE_TIMEOUT_MINUTES, type Me } from '@sifasuo/domain';

export type { Me };

export interface Session {
  idToken: string;
  accessToken: string;
  /** Epoch ms after which the idToken is no longer accepted. */
  expiresAt: number;
  user: Me;
}

export type LogoutReason = 'idle' | 'expired' | 'unauthenticated' | 'manual';

export const LOGOUT_MESSAGES: Record<Exclude<LogoutReason, 'manual'>, string> = {
  idle: `您已超过${IDLE_TIMEOUT_MINUTES}分钟未操作，为保障数据安全已自动退出，请重新登录`,
  expired: '登录已过期，请重新登录',
  unauthenticated: '未登录或登录已失效，请重新登录',
};

const KEY = 'sifasuo.session';
const ACTIVITY_KEY = 'sifasuo.lastActivity';
const IDLE_MS = IDLE_TIMEOUT_MINUTES * 60_000;

/** `exp` (seconds) of a JWT, read without verifying: the server verifies, we only schedule the logout. */
export const jwtExpiry = (jwt: string): number | undefined => {
  try {
    const payload = jwt.split('.')[1];
    if (!payload) return undefined;
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
};

export const getSession = (): Session | undefined => {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : undefined;
  } catch {
    return undefined;
  }
};

export const saveSession = (login: { idToken: string; accessToken: string; expiresIn: number; user: Me }) => {
  const byExpiresIn = Date.now() + login.expiresIn * 1000;
  const session: Session = {
    idToken: login.idToken,
    accessToken: login.accessToken,
    expiresAt: Math.min(byExpiresIn, jwtExpiry(login.idToken) ?? byExpiresIn),
    user: login.user,
  };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  markActivity();
  return session;
};

export const updateUser = (user: Me) => {
  const s = getSession();
  if (s) sessionStorage.setItem(KEY, JSON.stringify({ ...s, user }));
};

export const markActivity = () => sessionStorage.setItem(ACTIVITY_KEY, String(Date.now()));

const lastActivity = () => Number(sessionStorage.getItem(ACTIVITY_KEY) ?? Date.now());

/** Why the current session can no longer be used, if it cannot. */
export const sessionProblem = (s: Session | undefined = getSession(), now = Date.now()): LogoutReason | undefined => {
  if (!s) return 'unauthenticated';
  if (now >= s.expiresAt) return 'expired';
  if (now - lastActivity() >= IDLE_MS) return 'idle';
  return undefined;
};

/** Clears the session and leaves for the login page, which explains why. */
export const clearSession = () => {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(ACTIVITY_KEY);
};

export const logout = (reason: LogoutReason) => {
  clearSession();
  const target = reason === 'manual' ? '/login' : `/login?reason=${reason}`;
  if (window.location.pathname !== '/login') window.location.replace(target);
};

/** Watches activity and the clock while signed in; returns the cleanup. */
export const watchSession = (): (() => void) => {
  let last = 0;
  const onActivity = () => {
    const now = Date.now();
    if (now - last > 5_000) {
      last = now;
      // A tab left idle past the limit (or past the token's expiry) is not revived by the first mouse move.
      const problem = sessionProblem();
      if (problem) return logout(problem);
      markActivity();
    }
  };
  const events = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;
  events.forEach((e) => window.addEventListener(e, onActivity, { passive: true, capture: true }));
  const check = () => {
    const problem = sessionProblem();
    if (problem) logout(problem);
  };
  const timer = window.setInterval(check, 15_000);
  const onVisible = () => document.visibilityState === 'visible' && check();
  document.addEventListener('visibilitychange', onVisible);
  check();
  return () => {
    events.forEach((e) => window.removeEventListener(e, onActivity, { capture: true }));
    window.clearInterval(timer);
    document.removeEventListener('visibilitychange', onVisible);
  };
};

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
  ended = undefined;
  markActivity();
  return session;
};

export const updateUser = (user: Me) => {
  const s = getSession();
  if (s) sessionStorage.setItem(KEY, JSON.stringify({ ...s, user }));
};

export const markActivity = () => sessionStorage.setItem(ACTIVITY_KEY, String(Date.now()));

const lastActivity = () => Number(sessionStorage.getItem(ACTIVITY_KEY) ?? Date.now());

/**
 * Why this page's session ended, from the moment it ended until the next login. Several checks race
 * when a session ends — the idle timer, each API call about to be sent (`Promise.all` sends several at
 * once), a 401 coming back, a route guard re-rendering — and every one after the first finds the session
 * already gone. Without this they would report `unauthenticated` and send the page to the login page a
 * second time (the last `location.replace` wins), hiding the real reason: the first reason stands.
 */
let ended: LogoutReason | undefined;

/**
 * Why the current session can no longer be used, if it cannot. Idle comes before expired: a user who
 * left the tab alone past the idle limit is told so, even if the token ran out meanwhile too.
 */
export const sessionProblem = (s: Session | undefined = getSession(), now = Date.now()): LogoutReason | undefined => {
  if (ended) return ended;
  if (!s) return 'unauthenticated';
  if (now - lastActivity() >= IDLE_MS) return 'idle';
  if (now >= s.expiresAt) return 'expired';
  return undefined;
};

/** The login page for a reason: it explains why, except to a visitor who never signed in. */
export const loginPath = (reason: LogoutReason) =>
  reason === 'manual' || (reason === 'unauthenticated' && !ended) ? '/login' : `/login?reason=${reason}`;

/** Clears the session, remembering why (the first reason stands until the next login). */
export const endSession = (reason: LogoutReason) => {
  ended ??= reason;
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(ACTIVITY_KEY);
};

/** Ends the session and leaves for the login page, which explains why; a second call changes nothing. */
export const logout = (reason: LogoutReason) => {
  if (ended) return;
  endSession(reason);
  // Hash routes: the route is the fragment (`#/login?reason=idle`).
  if (!window.location.hash.startsWith('#/login')) window.location.replace(`/#${loginPath(reason)}`);
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

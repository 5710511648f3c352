// The signed-in session: the identity service's tokens and the user in sessionStorage (gone when the tab
// closes), their expiry, their refresh, and the idle timeout (IDLE_TIMEOUT_MINUTES without keyboard/mouse
// activity logs the user out).
//
// Tokens (packages/domain/src/auth.ts): a short-lived access token sent as `Authorization: Bearer`, and a
// single-use refresh token that `POST /api/auth/refresh` trades for a new pair. The portal refreshes
// shortly before the access token runs out (and once after a 401), one refresh at a time: calls that need
// one meanwhile wait for the same answer, and a refresh token is never sent twice — it is marked spent
// before it leaves, so a reload during a refresh cannot replay it either. When the server refuses (the
// session was ended: disabled account, forced sign-out, idle or absolute limit), the session ends here too
// and the login page shows the server's reason.
import { IDLE_TIMEOUT_MINUTES, type Me, type SessionTokens } from '@sifasuo/domain';
import { routePath } from '@sifasuo/wiring';

export type { Me };

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms after which the access token is no longer accepted (by this tab's clock). */
  accessExpiresAt: number;
  /** Epoch ms at which the session ends however active it is (the server's absolute limit). */
  sessionExpiresAt: number;
  user: Me;
  /** A refresh token that has been sent: never sent again, whatever became of its answer. */
  spentRefreshToken?: string;
}

/**
 * Why a session ended: `ended` is the server's doing (its message says why: 账号已停用, 已被管理员强制下线,
 * 超过30分钟未操作…), the others are noticed here.
 */
export type LogoutReason = 'idle' | 'expired' | 'unauthenticated' | 'ended' | 'manual';

export const LOGOUT_MESSAGES: Record<Exclude<LogoutReason, 'manual'>, string> = {
  idle: `您已超过${IDLE_TIMEOUT_MINUTES}分钟未操作，为保障数据安全已自动退出，请重新登录`,
  expired: '登录已过期，请重新登录',
  unauthenticated: '未登录或登录已失效，请重新登录',
  ended: '登录已失效，请重新登录',
};

/** Refresh this long before the access token runs out. */
export const REFRESH_MARGIN_MS = 60_000;

const KEY = 'sifasuo.session';
const ACTIVITY_KEY = 'sifasuo.lastActivity';
/** The reason's own words (the server's message), for the login page. */
const MESSAGE_KEY = 'sifasuo.logoutMessage';
const IDLE_MS = IDLE_TIMEOUT_MINUTES * 60_000;

export const getSession = (): Session | undefined => {
  try {
    const raw = sessionStorage.getItem(KEY);
    const s = raw ? (JSON.parse(raw) as Partial<Session>) : undefined;
    // A session stored by an older portal (Cognito's idToken) has no refresh token: not a session.
    return s?.accessToken && s.refreshToken && s.user ? (s as Session) : undefined;
  } catch {
    return undefined;
  }
};

const write = (s: Session) => {
  sessionStorage.setItem(KEY, JSON.stringify(s));
  return s;
};

const withTokens = (s: Omit<Session, 'accessToken' | 'refreshToken' | 'accessExpiresAt' | 'sessionExpiresAt'>, tokens: SessionTokens, receivedAt: number): Session => ({
  ...s,
  accessToken: tokens.accessToken,
  refreshToken: tokens.refreshToken,
  accessExpiresAt: receivedAt + tokens.expiresIn * 1000,
  sessionExpiresAt: Date.parse(tokens.sessionExpiresAt) || receivedAt + tokens.expiresIn * 1000,
});

/** Starts the session of a completed sign-in (`receivedAt`: when its tokens arrived). */
export const saveSession = (login: { tokens: SessionTokens; user: Me }, receivedAt = Date.now()) => {
  const session = write(withTokens({ user: login.user }, login.tokens, receivedAt));
  ended = undefined;
  sessionStorage.removeItem(MESSAGE_KEY);
  markActivity();
  return session;
};

export const updateUser = (user: Me) => {
  const s = getSession();
  if (s) write({ ...s, user });
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

/** This page's refresh in flight: every caller meanwhile waits for its answer (kit/api.ts). */
let refreshing: Promise<Session> | undefined;

/**
 * A refresh token spent whose answer never came (lost to the network, or to a reload while it was on its
 * way): the session lives only as long as its access token. Not while this page's refresh is still out.
 */
const cannotRefresh = (s: Session) => s.spentRefreshToken === s.refreshToken && !refreshing;

/**
 * Why the current session can no longer be used, if it cannot. Idle comes before expired: a user who
 * left the tab alone past the idle limit is told so, even if the session ran out meanwhile too. An
 * access token that ran out is no problem while the refresh token can renew it.
 */
export const sessionProblem = (s: Session | undefined = getSession(), now = Date.now()): LogoutReason | undefined => {
  if (ended) return ended;
  if (!s) return 'unauthenticated';
  if (now - lastActivity() >= IDLE_MS) return 'idle';
  if (now >= s.sessionExpiresAt) return 'expired';
  if (now >= s.accessExpiresAt && cannotRefresh(s)) return 'expired';
  return undefined;
};

/** The access token runs out within the margin: refresh before using it. */
export const accessDue = (s: Session, now = Date.now()) => now >= s.accessExpiresAt - REFRESH_MARGIN_MS;

/** The login page for a reason: it explains why, except to a visitor who never signed in. */
export const loginPath = (reason: LogoutReason) =>
  reason === 'manual' || (reason === 'unauthenticated' && !ended) ? '/login' : `/login?reason=${reason}`;

/** What the login page says for `reason`: the server's own words where it gave them. */
export const logoutMessage = (reason: string | null): string | undefined => {
  if (!reason || !(reason in LOGOUT_MESSAGES)) return undefined;
  return sessionStorage.getItem(MESSAGE_KEY) ?? LOGOUT_MESSAGES[reason as keyof typeof LOGOUT_MESSAGES];
};

const jsonPost = (key: 'POST /api/auth/refresh' | 'POST /api/auth/logout', body: unknown, token?: string, keepalive = false) =>
  fetch(routePath(key, {}), {
    method: 'POST',
    headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
    keepalive,
  });

/** Ends the server's session too, best effort: the user left, or sat idle here past the limit. */
const endOnServer = (s: Session | undefined) => {
  if (!s || Date.now() >= s.accessExpiresAt) return;
  jsonPost('POST /api/auth/logout', undefined, s.accessToken, true).catch(() => undefined);
};

/** Clears the session, remembering why (the first reason and its message stand until the next login). */
export const endSession = (reason: LogoutReason, message?: string) => {
  if (!ended) {
    if (reason === 'manual' || reason === 'idle') endOnServer(getSession());
    if (message && reason !== 'manual') sessionStorage.setItem(MESSAGE_KEY, message);
    else sessionStorage.removeItem(MESSAGE_KEY);
  }
  ended ??= reason;
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(ACTIVITY_KEY);
};

/** Ends the session and leaves for the login page, which explains why; a second call changes nothing. */
export const logout = (reason: LogoutReason, message?: string) => {
  if (ended) return;
  endSession(reason, message);
  // Hash routes: the route is the fragment (`#/login?reason=idle`).
  if (!window.location.hash.startsWith('#/login')) window.location.replace(`/#${loginPath(reason)}`);
};

/** The session is over and the page is leaving for the login page; `message` says why. */
export class SessionEnded extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SessionEnded';
  }
}

/** A refresh that got no usable answer (network, server error): the session may still be fine. */
class RefreshFailed extends Error {}

/** The server refused the refresh token: the session is over, `message` says why. */
class RefreshRefused extends Error {}

const refreshOnce = async (): Promise<Session> => {
  const s = getSession();
  if (!s || ended) throw new RefreshRefused(LOGOUT_MESSAGES.unauthenticated);
  if (cannotRefresh(s)) throw new RefreshFailed('spent');
  // Offline: nothing would reach the server, so do not spend the token on it.
  if (typeof navigator !== 'undefined' && navigator.onLine === false) throw new RefreshFailed('offline');
  write({ ...s, spentRefreshToken: s.refreshToken });
  let res: Response;
  try {
    res = await jsonPost('POST /api/auth/refresh', { refreshToken: s.refreshToken });
  } catch {
    throw new RefreshFailed('network');
  }
  const data = (await res.json().catch(() => undefined)) as (Partial<SessionTokens> & { code?: string; message?: string }) | undefined;
  if (res.ok && data?.accessToken && data.refreshToken) {
    // The user may have signed out (or in again) while the answer was on its way.
    const current = getSession();
    if (!current || current.refreshToken !== s.refreshToken) throw new RefreshRefused(LOGOUT_MESSAGES.unauthenticated);
    const { spentRefreshToken: _, ...rest } = current;
    return write(withTokens(rest, data as SessionTokens, Date.now()));
  }
  if (res.status === 400 || res.status === 401 || res.status === 403) {
    throw new RefreshRefused((data?.code && data.message) || LOGOUT_MESSAGES.ended);
  }
  throw new RefreshFailed(`HTTP ${res.status}`);
};

/** New tokens for the session: one refresh at a time, every caller meanwhile sharing its answer. */
export const refreshSession = (): Promise<Session> => {
  refreshing ??= refreshOnce().finally(() => {
    refreshing = undefined;
  });
  return refreshing;
};

/** Ends the session for a refused refresh and says so; a failed one leaves `fallback` to decide. */
const afterFailedRefresh = (e: unknown, fallback: () => string): string => {
  if (e instanceof RefreshRefused) {
    logout('ended', e.message);
    throw new SessionEnded(e.message);
  }
  return fallback();
};

/** Throws SessionEnded (after logging out) when the session cannot be used. */
const usableSession = (): Session => {
  const problem = sessionProblem();
  if (problem) {
    logout(problem);
    throw new SessionEnded(logoutMessage(problem) ?? LOGOUT_MESSAGES.unauthenticated);
  }
  return getSession()!;
};

/**
 * The access token to send now: refreshed first when it runs out within the margin. Throws SessionEnded
 * when the session is over (the page is then on its way to the login page), or RefreshFailed's message
 * as a plain Error when the server cannot be reached and the token has run out.
 */
export const freshAccessToken = async (): Promise<string> => {
  const s = usableSession();
  if (!accessDue(s)) return s.accessToken;
  try {
    return (await refreshSession()).accessToken;
  } catch (e) {
    return afterFailedRefresh(e, () => {
      const now = usableSession();
      // Not refreshed (offline, a server error): the old token serves while it lasts.
      if (Date.now() < now.accessExpiresAt) return now.accessToken;
      throw new Error('无法连接服务器，请检查网络后重试');
    });
  }
};

/**
 * After a 401 to `usedToken`: the token to retry with (refreshed, or the one another call refreshed
 * meanwhile). Throws SessionEnded — with the server's reason — when the session is over.
 */
export const recoverFromUnauthorized = async (usedToken: string, serverMessage: string | undefined): Promise<string> => {
  const s = usableSession();
  if (s.accessToken !== usedToken) return s.accessToken;
  try {
    return (await refreshSession()).accessToken;
  } catch (e) {
    return afterFailedRefresh(e, () => {
      const message = serverMessage ?? LOGOUT_MESSAGES.ended;
      logout('ended', message);
      throw new SessionEnded(message);
    });
  }
};

/**
 * Watches activity and the clock while signed in; returns the cleanup. A user active in the page keeps
 * their session: the access token is refreshed shortly before it runs out even when no call needs it.
 */
export const watchSession = (): (() => void) => {
  let last = 0;
  const onActivity = () => {
    const now = Date.now();
    if (now - last > 5_000) {
      last = now;
      // A tab left idle past the limit (or past the session's end) is not revived by the first mouse move.
      const problem = sessionProblem();
      if (problem) return logout(problem);
      markActivity();
    }
  };
  const events = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;
  events.forEach((e) => window.addEventListener(e, onActivity, { passive: true, capture: true }));
  const check = () => {
    const problem = sessionProblem();
    if (problem) return logout(problem);
    const s = getSession();
    if (s && accessDue(s) && !cannotRefresh(s)) {
      refreshSession().catch((e: unknown) => {
        if (e instanceof RefreshRefused) logout('ended', e.message);
      });
    }
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

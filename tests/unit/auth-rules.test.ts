import { afterFailedLogin, isLocked, lockedMessage, passwordProblem, type LoginState } from '@sifasuo/domain';

describe('password policy', () => {
  it.each([
    ['Short1!', '密码至少10位'],
    ['alllowercase1', '密码须包含大写字母、小写字母、数字、符号中的至少三类'],
    ['ALLUPPER!!!!', '密码须包含大写字母、小写字母、数字、符号中的至少三类'],
  ])('refuses %s', (pw, reason) => expect(passwordProblem(pw)).toBe(reason));

  it.each(['Sifasuo@2026', 'abcdefgh1!', 'ABCDEFGH1a', 'Abcdefghij!'])('accepts %s (3 of 4 classes)', (pw) =>
    expect(passwordProblem(pw)).toBeUndefined(),
  );
});

describe('lockout', () => {
  const t0 = new Date('2026-11-26T08:00:00Z');
  const fail = (s: LoginState, at = t0) => afterFailedLogin(s, at);

  it('locks for 15 minutes on the fifth consecutive failure', () => {
    let s: LoginState = { failedAttempts: 0 };
    for (let i = 0; i < 4; i++) s = fail(s);
    expect(isLocked(s, t0)).toBe(false);
    s = fail(s);
    expect(s.lockedUntil).toBe('2026-11-26T08:15:00.000Z');
    expect(isLocked(s, new Date('2026-11-26T08:14:59Z'))).toBe(true);
    expect(isLocked(s, new Date('2026-11-26T08:15:00Z'))).toBe(false);
    expect(lockedMessage(s, t0)).toBe('连续5次密码错误，账号已锁定，请15分钟后再试');
  });

  it('starts counting afresh after a lock has run out', () => {
    const expired: LoginState = { failedAttempts: 5, lockedUntil: '2026-11-26T07:00:00.000Z' };
    expect(fail(expired)).toEqual({ failedAttempts: 1 });
  });
});

import { isLocked, lockAfterFailure, lockedMessage, passwordProblem, type LoginState } from '@sifasuo/domain';

describe('password policy', () => {
  it.each([
    ['Short1!', '密码至少10位'],
    ['alllowercase1', '密码须包含大写字母、小写字母、数字、符号中的至少三类'],
    ['ALLUPPER!!!!', '密码须包含大写字母、小写字母、数字、符号中的至少三类'],
    [' Abcdefgh1 ', '密码首尾不能是空格'],
  ])('refuses %s', (pw, reason) => expect(passwordProblem(pw)).toBe(reason));

  it.each(['Sifasuo@2026', 'abcdefgh1!', 'ABCDEFGH1a', 'Abcdefghij!'])('accepts %s (3 of 4 classes)', (pw) =>
    expect(passwordProblem(pw)).toBeUndefined(),
  );
});

describe('lockout', () => {
  const t0 = new Date('2026-11-26T08:00:00Z');

  it('locks for 15 minutes on the fifth consecutive failure', () => {
    expect([1, 2, 3, 4].map((n) => lockAfterFailure(n, t0))).toEqual([undefined, undefined, undefined, undefined]);
    const lockedUntil = lockAfterFailure(5, t0);
    expect(lockedUntil).toBe('2026-11-26T08:15:00.000Z');
    // Parallel guesses past the fifth still lock.
    expect(lockAfterFailure(17, t0)).toBe(lockedUntil);
    const s: LoginState = { failedAttempts: 0, lockedUntil };
    expect(isLocked(s, new Date('2026-11-26T08:14:59Z'))).toBe(true);
    expect(isLocked(s, new Date('2026-11-26T08:15:00Z'))).toBe(false);
    expect(lockedMessage(s, t0)).toBe('连续5次密码错误，账号已锁定，请15分钟后再试');
  });
});

// Signing in, step by step (packages/domain/src/auth.ts, LoginStep): the password; then, where the
// account has a second factor, its code (or a recovery code); or, where the county requires one the
// account does not have yet, setting up an authenticator and saving the recovery codes before entering.
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { ArrowLeftOutlined, LockOutlined, UserOutlined } from '@ant-design/icons';
import { CHALLENGE_MINUTES, loginInput, TOTP_DIGITS, type LoginStep, type Me, type SessionTokens, type TotpEnrolment } from '@sifasuo/domain';
import { isApiError } from '../kit/api';
import { applyFieldErrors, checkWith, useErrorsClearedOnChange } from '../kit/errors';
import { usePageTitle } from '../kit/page';
import { logoutMessage, saveSession } from '../kit/session';
import { authApi } from './api';
import { Loading } from '../kit/loading';

// The second-factor steps (a QR code among them) load when a step needs them: most sign-ins have none.
const totpParts = () => import('./TotpParts');
const CodeInput = lazy(() => totpParts().then((m) => ({ default: m.CodeInput })));
const EnrolmentForm = lazy(() => totpParts().then((m) => ({ default: m.EnrolmentForm })));
const RecoveryCodes = lazy(() => totpParts().then((m) => ({ default: m.RecoveryCodes })));

type Step =
  | { kind: 'password' }
  | { kind: 'totp'; challenge: string }
  | { kind: 'enrol'; challenge: string; enrolment: TotpEnrolment }
  | { kind: 'recovery'; codes: string[]; tokens: SessionTokens; user: Me; receivedAt: number };

const TITLES: Record<Step['kind'], string | undefined> = {
  password: undefined,
  totp: '两步验证',
  enrol: '启用两步验证',
  recovery: '保存恢复码',
};

/**
 * The server's answer to a code: a wrong code (401 验证码不正确) keeps the step; an expired or spent
 * challenge (401 登录步骤已失效), a lock (423) or a disabled account (403) go back to the password.
 */
const challengeGone = (e: unknown) =>
  isApiError(e) && (e.status === 403 || e.status === 423 || /登录步骤已失效|重新输入用户名和密码|重新登录/.test(e.message));

export default function Login() {
  const [form] = Form.useForm();
  const [codeForm] = Form.useForm<{ code?: string }>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [notice, setNotice] = useState<string | undefined>(() => logoutMessage(params.get('reason')));
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const username = useRef('');
  usePageTitle('登录');
  useErrorsClearedOnChange(form);
  useErrorsClearedOnChange(codeForm);

  // A challenge lives CHALLENGE_MINUTES: past that, back to the password with a word why.
  const challenge = step.kind === 'totp' || step.kind === 'enrol' ? step.challenge : undefined;
  useEffect(() => {
    if (!challenge) return;
    const timer = window.setTimeout(() => {
      backToPassword(`验证已超时（${CHALLENGE_MINUTES}分钟内未完成），请重新输入密码`);
    }, CHALLENGE_MINUTES * 60_000);
    return () => window.clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [challenge]);

  const backToPassword = (message?: string) => {
    setStep({ kind: 'password' });
    setError(message);
    form.setFieldsValue({ password: '' });
  };

  const enter = (signedIn: { tokens: SessionTokens; user: Me }, receivedAt = Date.now()) => {
    saveSession(signedIn, receivedAt);
    setNotice(undefined);
    navigate('/', { replace: true });
  };

  /** Where a step of the server leads. */
  const follow = (next: LoginStep) => {
    setError(undefined);
    if (next.status === 'signed-in') {
      if (next.recoveryCodes?.length) {
        setStep({ kind: 'recovery', codes: next.recoveryCodes, tokens: next.tokens, user: next.user, receivedAt: Date.now() });
      } else enter(next);
    } else if (next.status === 'totp-required') setStep({ kind: 'totp', challenge: next.challenge });
    else setStep({ kind: 'enrol', challenge: next.challenge, enrolment: next.enrolment });
  };

  const run = async (action: () => Promise<LoginStep>, onError: (e: unknown) => void) => {
    setBusy(true);
    try {
      follow(await action());
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };

  const submitPassword = async () => {
    const v = form.getFieldsValue() as { username?: string; password?: string };
    const body = { username: (v.username ?? '').trim(), password: v.password ?? '' };
    setError(undefined);
    if (!checkWith(form, loginInput, body)) return;
    username.current = body.username;
    await run(
      () => authApi.login(body),
      (e) => {
        // 401 wrong username/password, 423 locked, 403 disabled: the server's message says which.
        // 400: the fields' own messages beside them, the form's word above.
        setError(isApiError(e) ? e.message : '登录失败，请稍后重试');
        if (isApiError(e) && e.fields) applyFieldErrors(form, e.fields);
      },
    );
  };

  const submitCode = async (code: string, send: (code: string) => Promise<LoginStep>, recovery: boolean) => {
    const pattern = recovery ? new RegExp(`^(\\d{${TOTP_DIGITS}}|[0-9a-zA-Z]{4}-?[0-9a-zA-Z]{4})$`) : new RegExp(`^\\d{${TOTP_DIGITS}}$`);
    if (!pattern.test(code)) {
      setError(recovery ? `请输入${TOTP_DIGITS}位验证码，或一个恢复码（如 abcd-1234）` : `请输入身份验证器中显示的${TOTP_DIGITS}位数字验证码`);
      return;
    }
    setError(undefined);
    await run(
      () => send(code),
      (e) => {
        if (challengeGone(e)) return backToPassword(isApiError(e) ? e.message : undefined);
        setError(isApiError(e) ? e.message : '验证失败，请稍后重试');
        if (step.kind === 'totp') codeForm.resetFields();
      },
    );
  };

  const title = TITLES[step.kind];
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 12,
        boxSizing: 'border-box',
        background: 'linear-gradient(135deg, #1f4e9c 0%, #3b7dd8 100%)',
      }}
    >
      <Card style={{ width: '100%', maxWidth: step.kind === 'password' ? 380 : 420 }} styles={{ body: { padding: '20px 20px 24px' } }} data-testid="login-card">
        <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 4 }}>
          司法所工作管理系统
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {title ? `${username.current} · ${title}` : '县司法局 · 司法所工作管理'}
        </Typography.Paragraph>
        {notice && step.kind === 'password' && <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} data-testid="login-notice" />}
        {error && step.kind !== 'enrol' && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}

        {/* Kept mounted through the later steps: the username is still there on the way back. */}
        <div style={step.kind === 'password' ? undefined : { display: 'none' }}>
          <Form form={form} name="login" layout="vertical" onFinish={submitPassword} autoComplete="off" requiredMark={false}>
            <Form.Item name="username" label="用户名">
              <Input prefix={<UserOutlined />} placeholder="请输入用户名" autoComplete="username" data-testid="login-username" />
            </Form.Item>
            <Form.Item name="password" label="密码">
              <Input.Password prefix={<LockOutlined />} placeholder="请输入密码" autoComplete="current-password" data-testid="login-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
              登录
            </Button>
          </Form>
        </div>

        <Suspense fallback={<Loading />}>
          {step.kind === 'totp' && (
            <div data-testid="login-totp">
              <Typography.Paragraph>请打开手机上的身份验证器应用，输入其中显示的{TOTP_DIGITS}位验证码。</Typography.Paragraph>
              <Form
                key={step.challenge}
                form={codeForm}
                name="login-code"
                onFinish={(v) => submitCode((v.code ?? '').trim(), (code) => authApi.loginTotp({ challenge: step.challenge, code }), true)}
                autoComplete="off"
              >
                <Form.Item name="code" style={{ marginBottom: 12 }} extra="手机不在身边时，可输入一个恢复码（如 abcd-1234）">
                  <CodeInput testId="login-totp-code" recovery autoFocus placeholder={`${TOTP_DIGITS}位验证码或恢复码`} />
                </Form.Item>
                <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="login-totp-submit">
                  验证并登录
                </Button>
              </Form>
              <BackButton onClick={() => backToPassword()} />
            </div>
          )}

          {step.kind === 'enrol' && (
            <>
              <Alert type="info" showIcon title="县局要求您的账号使用两步验证，请先完成设置。" style={{ marginBottom: 12 }} />
              <EnrolmentForm
                enrolment={step.enrolment}
                busy={busy}
                error={error}
                submitLabel="完成设置"
                onSubmit={(code) => submitCode(code, (c) => authApi.loginEnrol({ challenge: step.challenge, code: c }), false)}
                extra={<BackButton onClick={() => backToPassword()} />}
              />
            </>
          )}

          {step.kind === 'recovery' && (
            <RecoveryCodes
              codes={step.codes}
              username={username.current}
              confirmLabel="我已妥善保存，进入系统"
              onConfirm={() => enter(step, step.receivedAt)}
            />
          )}
        </Suspense>
      </Card>
    </div>
  );
}

const BackButton = ({ onClick }: { onClick: () => void }) => (
  <Button type="link" block icon={<ArrowLeftOutlined />} onClick={onClick} style={{ marginTop: 8 }} data-testid="login-back">
    返回重新输入密码
  </Button>
);

// The second factor's pieces, shared by the login page (enrolment the county requires) and the account
// menu's 两步验证 dialog: the authenticator set-up (QR code, the secret to type by hand, the first code)
// and the recovery codes, shown once.
import type { ReactNode } from 'react';
import { Alert, App, Button, Form, Input, QRCode, Space, Typography, type InputProps } from 'antd';
import { CopyOutlined, DownloadOutlined, SafetyOutlined } from '@ant-design/icons';
import { TOTP_DIGITS, type TotpEnrolment } from '@sifasuo/domain';

export const AUTHENTICATOR_APPS = 'Microsoft Authenticator、Google Authenticator、腾讯身份验证器等';

/** `ABCD EFGH …`: easier to read and type than one long string (apps ignore the spaces). */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

/**
 * The code field: digits on a phone's keypad, the one-time code a phone may offer to fill in. The rest
 * of the props (Form.Item's `value` and `onChange`) go to the input.
 */
export const CodeInput = ({ testId, recovery, placeholder, ...rest }: { testId: string; recovery?: boolean } & Omit<InputProps, 'data-testid'>) => (
  <Input
    size="large"
    inputMode={recovery ? 'text' : 'numeric'}
    autoComplete="one-time-code"
    maxLength={recovery ? 9 : TOTP_DIGITS}
    placeholder={placeholder ?? `${TOTP_DIGITS}位验证码`}
    prefix={<SafetyOutlined />}
    style={{ letterSpacing: 2 }}
    {...rest}
    data-testid={testId}
  />
);

/**
 * Setting up an authenticator: scan the QR code (or type the secret), then give the code it shows.
 * `onSubmit` gets the code; errors are the caller's to show in `error`.
 */
export function EnrolmentForm(props: {
  enrolment: TotpEnrolment;
  busy: boolean;
  error?: string;
  submitLabel: string;
  onSubmit: (code: string) => void;
  extra?: ReactNode;
  /** `data-testid`s of the code field and the button (the login page's by default). */
  testIds?: { code: string; submit: string };
}) {
  const ids = props.testIds ?? { code: 'login-totp-code', submit: 'login-totp-submit' };
  const [form] = Form.useForm<{ code?: string }>();
  return (
    <div data-testid="totp-enrolment">
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        1. 在手机上安装身份验证器应用（如 {AUTHENTICATOR_APPS}），用它扫描下方二维码：
      </Typography.Paragraph>
      <div style={{ display: 'flex', justifyContent: 'center', marginBottom: 8 }}>
        <QRCode value={props.enrolment.otpauthUri} type="svg" size={184} errorLevel="M" bgColor="#fff" data-testid="totp-qr" />
      </div>
      <Typography.Paragraph style={{ marginBottom: 4 }}>无法扫码时，可在应用中选择“输入密钥”，手动输入：</Typography.Paragraph>
      <Typography.Paragraph
        copyable={{ text: props.enrolment.secret, tooltips: ['复制密钥', '已复制'] }}
        style={{ fontFamily: 'monospace', fontSize: 15, background: '#f5f5f5', padding: '6px 10px', borderRadius: 6, overflowWrap: 'anywhere' }}
      >
        <span data-testid="totp-secret">{grouped(props.enrolment.secret)}</span>
      </Typography.Paragraph>
      <Typography.Paragraph style={{ marginBottom: 8 }}>2. 输入应用中显示的{TOTP_DIGITS}位验证码：</Typography.Paragraph>
      {props.error && <Alert type="error" showIcon title={props.error} style={{ marginBottom: 12 }} data-testid="totp-error" />}
      <Form form={form} name={ids.code} onFinish={(v) => props.onSubmit((v.code ?? '').trim())} autoComplete="off">
        <Form.Item name="code" style={{ marginBottom: 12 }}>
          <CodeInput testId={ids.code} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={props.busy} data-testid={ids.submit}>
          {props.submitLabel}
        </Button>
      </Form>
      {props.extra}
    </div>
  );
}

/** The recovery codes as a text file's content. */
const recoveryText = (codes: readonly string[], username: string) =>
  [
    '司法所工作管理系统 · 两步验证恢复码',
    `用户名：${username}`,
    `生成时间：${new Date().toLocaleString('zh-CN', { hour12: false })}`,
    '',
    '手机丢失或无法使用身份验证器时，可在登录时输入其中一个恢复码代替验证码。每个恢复码只能使用一次。',
    '请妥善保管，不要告诉他人。',
    '',
    ...codes,
    '',
  ].join('\r\n');

/**
 * The recovery codes, shown once: copy, download as text, and the user's confirmation that they are
 * kept somewhere safe (`onConfirm`).
 */
export function RecoveryCodes(props: { codes: readonly string[]; username: string; confirmLabel: string; onConfirm: () => void }) {
  const { message } = App.useApp();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.codes.join('\n'));
      message.success('恢复码已复制');
    } catch {
      message.warning('无法访问剪贴板，请手动抄写或下载为文本文件');
    }
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([recoveryText(props.codes, props.username)], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `恢复码-${props.username}.txt`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <div data-testid="recovery-codes-step">
      <Alert
        type="warning"
        showIcon
        title="请保存恢复码"
        description="手机丢失或无法使用身份验证器时，可用恢复码代替验证码登录，每个只能使用一次。恢复码只显示这一次，关闭后无法再次查看。"
        style={{ marginBottom: 12 }}
      />
      <div
        data-testid="recovery-codes"
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
          gap: '6px 16px',
          fontFamily: 'monospace',
          fontSize: 16,
          background: '#f5f5f5',
          padding: '10px 14px',
          borderRadius: 6,
          marginBottom: 12,
          textAlign: 'center',
        }}
      >
        {props.codes.map((c) => (
          <span key={c} data-testid="recovery-code">
            {c}
          </span>
        ))}
      </div>
      <Space wrap style={{ marginBottom: 16 }}>
        <Button icon={<CopyOutlined />} onClick={copy} data-testid="recovery-codes-copy">
          复制
        </Button>
        <Button icon={<DownloadOutlined />} onClick={download} data-testid="recovery-codes-download">
          下载为文本文件
        </Button>
      </Space>
      <Button type="primary" block size="large" onClick={props.onConfirm} data-testid="recovery-codes-confirm">
        {props.confirmLabel}
      </Button>
    </div>
  );
}

// 两步验证 in the account menu: the user's own second factor — set it up (QR code, first code, recovery
// codes shown once), or switch it off with the password where the county does not require it.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Result, Skeleton, Typography, type ButtonProps } from 'antd';
import { ROLE_LABELS, PRIVILEGED_ROLES, totpDisableInput, type MyAccount, type TotpEnrolment } from '@sifasuo/domain';
import { isApiError } from '../kit/api';
import { checkWith, requiredBy, useErrorsClearedOnChange, useReportError } from '../kit/errors';
import { authApi } from './api';
import { AUTHENTICATOR_APPS, EnrolmentForm, RecoveryCodes } from './TotpParts';

type View = { kind: 'status' } | { kind: 'enrol'; enrolment: TotpEnrolment } | { kind: 'recovery'; codes: string[] };

const PRIVILEGED = PRIVILEGED_ROLES.map((r) => ROLE_LABELS[r]).join('、');

export default function TwoFactorModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [me, setMe] = useState<MyAccount>();
  const [loadError, setLoadError] = useState<string>();
  const [view, setView] = useState<View>({ kind: 'status' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [form] = Form.useForm<{ password?: string }>();
  const { message } = App.useApp();
  const report = useReportError();
  useErrorsClearedOnChange(form);

  const load = () => {
    setLoadError(undefined);
    authApi.me().then(setMe, (e: unknown) => setLoadError(isApiError(e) ? e.message : '加载失败，请稍后重试'));
  };

  useEffect(() => {
    if (!open) return;
    setMe(undefined);
    setView({ kind: 'status' });
    setError(undefined);
    form.resetFields();
    load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const busyWith = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } finally {
      setBusy(false);
    }
  };

  const start = () =>
    busyWith(async () => {
      try {
        setError(undefined);
        setView({ kind: 'enrol', enrolment: await authApi.startTotp() });
      } catch (e) {
        report(e);
      }
    });

  const confirm = (code: string) =>
    busyWith(async () => {
      if (!/^\d{6}$/.test(code)) return setError('请输入身份验证器中显示的6位数字验证码');
      try {
        setError(undefined);
        const { recoveryCodes } = await authApi.confirmTotp({ code });
        setView({ kind: 'recovery', codes: recoveryCodes });
      } catch (e) {
        // A wrong code is a field error of `code` (400): shown above the field, the step stays.
        if (isApiError(e) && e.status === 400) setError(e.fields?.code ?? e.message);
        else report(e);
      }
    });

  const disable = () =>
    busyWith(async () => {
      const body = { password: form.getFieldValue('password') ?? '' };
      if (!checkWith(form, totpDisableInput, body)) return;
      try {
        await authApi.disableTotp(body);
        message.success('两步验证已关闭');
        form.resetFields();
        load();
      } catch (e) {
        report(e, { form });
      }
    });

  const recovering = view.kind === 'recovery';
  let body;
  if (loadError) body = <Alert type="error" showIcon title={loadError} action={<Button size="small" onClick={load}>重试</Button>} />;
  else if (!me) body = <Skeleton active />;
  else if (view.kind === 'enrol')
    body = (
      <EnrolmentForm
        enrolment={view.enrolment}
        busy={busy}
        error={error}
        submitLabel="验证并启用"
        onSubmit={confirm}
        testIds={{ code: 'totp-code', submit: 'totp-confirm' }}
      />
    );
  else if (view.kind === 'recovery')
    body = (
      <RecoveryCodes
        codes={view.codes}
        username={me.username}
        confirmLabel="我已妥善保存"
        onConfirm={() => {
          setView({ kind: 'status' });
          load();
        }}
      />
    );
  else if (!me.totpEnrolled)
    body = (
      <div data-testid="totp-status-off">
        <Result
          status="warning"
          title="尚未启用两步验证"
          subTitle={
            me.totpRequired
              ? `县局要求${PRIVILEGED}使用两步验证：下次登录时将要求您完成设置。`
              : '启用后，登录时除密码外还需输入手机身份验证器中的验证码，账号更安全。'
          }
          style={{ padding: '16px 0' }}
        />
        <Typography.Paragraph type="secondary">需要一部安装了身份验证器应用（如 {AUTHENTICATOR_APPS}）的手机。</Typography.Paragraph>
        <Button type="primary" block onClick={start} loading={busy} data-testid="totp-start">
          启用两步验证
        </Button>
      </div>
    );
  else
    body = (
      <div data-testid="totp-status-on">
        <Result status="success" title="两步验证已启用" subTitle="登录时需输入身份验证器中的验证码（或一个恢复码）。" style={{ padding: '16px 0' }} />
        {me.totpRequired ? (
          <Alert
            type="info"
            showIcon
            title="不能关闭"
            description={`县局要求${PRIVILEGED}使用两步验证。更换或丢失手机时，请联系系统管理员重置两步验证。`}
            data-testid="totp-required-note"
          />
        ) : (
          <Form form={form} name="totp-disable" layout="vertical" autoComplete="off" onFinish={disable} data-testid="totp-disable-form">
            <Typography.Paragraph type="secondary">如需关闭两步验证，请输入登录密码确认。关闭后登录只需密码。</Typography.Paragraph>
            <Form.Item name="password" label="登录密码" required={requiredBy(totpDisableInput)('password')}>
              <Input.Password autoComplete="current-password" data-testid="totp-disable-password" />
            </Form.Item>
            <Button danger block htmlType="submit" loading={busy} data-testid="totp-disable">
              关闭两步验证
            </Button>
          </Form>
        )}
      </div>
    );

  return (
    <Modal
      title="两步验证"
      open={open}
      onCancel={onClose}
      footer={recovering ? null : [<Button key="close" onClick={onClose} {...({ 'data-testid': 'totp-close' } as ButtonProps)}>关闭</Button>]}
      // The recovery codes are shown once: leave only through 我已妥善保存.
      closable={!recovering}
      mask={{ closable: !recovering }}
      keyboard={!recovering}
      width={440}
      destroyOnHidden
    >
      {body}
    </Modal>
  );
}

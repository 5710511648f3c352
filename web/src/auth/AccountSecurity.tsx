// 登录安全 · one account (county admin; auditor accounts: the bureau leader): whether it has a password
// and a second factor, whether it is locked, its sessions; and, each after a confirmation, 重置密码
// (ends its sessions, clears a lock), 强制下线 (ends its sessions) and 重置两步验证 (it sets up a new
// one at the next sign-in).
import { useLayoutEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Descriptions, Empty, Form, Input, List, Modal, Popconfirm, Skeleton, Space, Tag, Typography, type ButtonProps } from 'antd';
import { KeyOutlined, LogoutOutlined, SafetyOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { PASSWORD_MIN_LENGTH, resetPasswordInput, type SessionInfo } from '@sifasuo/domain';
import { call } from '../kit/api';
import { checkWith, requiredBy, useReportError, useSave } from '../kit/errors';
import { useMe } from '../kit/guards';
import { canAdministerAccounts } from '../kit/permissions';
import { Forbidden, LoadFailed, NotFound } from '../kit/results';
import { useLoad } from '../kit/useLoad';
import { Page } from '../kit/page';
import { authApi } from './api';

const time = (iso?: string) => (iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '—');

/** A user agent in a few words: the browser and the system, enough to tell a phone from an office PC. */
const device = (ua?: string) => {
  if (!ua) return '未知设备';
  const system = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Windows/.test(ua) ? 'Windows' : /Mac OS X/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : '';
  const browser = /MicroMessenger/.test(ua)
    ? '微信'
    : /Edg\//.test(ua)
      ? 'Edge'
      : /Chrome|Chromium/.test(ua)
        ? 'Chrome'
        : /Firefox/.test(ua)
          ? 'Firefox'
          : /Safari/.test(ua)
            ? 'Safari'
            : '浏览器';
  return [browser, system].filter(Boolean).join(' · ');
};

export default function AccountSecurity() {
  const { username = '' } = useParams();
  const me = useMe();
  const account = useLoad(() => authApi.account(username), [username]);
  // The person's name from the org's record, where it can be read (the page works without it).
  const user = useLoad(() => call('GET /api/org/users/{username}', { path: { username } }), [username]);
  const [resetting, setResetting] = useState(false);
  const [busy, setBusy] = useState<string>();
  const { message } = App.useApp();
  const report = useReportError();

  if (account.errorStatus === 403) return <Forbidden message={account.errorMessage} />;
  if (account.errorStatus === 404) return <NotFound message={`用户 ${username} 不存在`} />;
  if (account.errorStatus !== undefined) return <LoadFailed message={account.errorMessage ?? ''} retry={account.reload} />;

  const a = account.data;
  const self = username === me.username;
  const name = user.data ? `${user.data.displayName}（${username}）` : username;
  const locked = !!a?.lockedUntil && Date.parse(a.lockedUntil) > Date.now();

  const act = async (id: string, action: () => Promise<string>) => {
    setBusy(id);
    try {
      message.success(await action());
      account.reload();
    } catch (e) {
      report(e, { reload: account.reload });
    } finally {
      setBusy(undefined);
    }
  };

  // 首页 › 登录安全 › 张三（zhangsan）; the bureau leader, without 登录安全, comes from 用户管理.
  const crumbs = canAdministerAccounts(me) ? [{ label: '登录安全', to: '/security' }, { label: name }] : [{ label: '用户管理', to: '/users' }, { label: name }];

  return (
    <Page title={name} crumbs={crumbs}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Card title="账号登录安全" data-testid="account-security">
          {!a ? (
            <Skeleton active paragraph={{ rows: 3 }} />
          ) : (
            <>
              {user.data && !user.data.enabled && (
                <Alert type="warning" showIcon title="该账号已停用，不能登录。" style={{ marginBottom: 12 }} />
              )}
              <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small">
                <Descriptions.Item label="登录密码">
                  <span data-testid="account-password">{a.hasPassword ? <Tag color="green">已设置</Tag> : <Tag color="red">未设置（无法登录）</Tag>}</span>
                </Descriptions.Item>
                <Descriptions.Item label="两步验证">
                  <span data-testid="account-totp">
                    {a.totpEnrolled ? <Tag color="green">已启用</Tag> : <Tag>未启用</Tag>}
                    {a.totpRequired && <Tag color={a.totpEnrolled ? 'blue' : 'orange'}>县局要求使用</Tag>}
                  </span>
                </Descriptions.Item>
                <Descriptions.Item label="剩余恢复码">{a.totpEnrolled ? `${a.recoveryCodesLeft} 个` : '—'}</Descriptions.Item>
                <Descriptions.Item label="账号锁定">
                  <span data-testid="account-lock">
                    {locked ? (
                      <Typography.Text type="danger">已锁定至 {time(a.lockedUntil)}（重置密码可解除）</Typography.Text>
                    ) : (
                      <Tag color="green">未锁定</Tag>
                    )}
                  </span>
                </Descriptions.Item>
              </Descriptions>
              <Space wrap style={{ marginTop: 16 }}>
                <Button icon={<KeyOutlined />} onClick={() => setResetting(true)} data-testid="account-reset-password">
                  重置密码
                </Button>
                <Popconfirm
                  title="强制下线"
                  description={`将结束该账号的全部 ${a.sessions.length} 个会话，需重新登录。${self ? '这也包括您当前的会话。' : ''}`}
                  okText="强制下线"
                  okButtonProps={{ danger: true, 'data-testid': 'account-sign-out-confirm' } as ButtonProps}
                  cancelText="取消"
                  onConfirm={() => act('sign-out', async () => `已结束 ${(await authApi.signOut(username)).ended} 个会话`)}
                >
                  <Button danger icon={<LogoutOutlined />} loading={busy === 'sign-out'} data-testid="account-sign-out">
                    强制下线
                  </Button>
                </Popconfirm>
                <Popconfirm
                  title="重置两步验证"
                  description="用于手机丢失或更换：将清除该账号的身份验证器和全部恢复码，并结束其全部会话。如县局要求其使用两步验证，下次登录时须重新设置。"
                  okText="重置"
                  okButtonProps={{ danger: true, 'data-testid': 'account-totp-reset-confirm' } as ButtonProps}
                  cancelText="取消"
                  disabled={!a.totpEnrolled}
                  onConfirm={() => act('totp-reset', async () => (await authApi.resetTotp(username), '两步验证已重置'))}
                >
                  <Button icon={<SafetyOutlined />} disabled={!a.totpEnrolled} loading={busy === 'totp-reset'} data-testid="account-totp-reset">
                    重置两步验证
                  </Button>
                </Popconfirm>
              </Space>
            </>
          )}
        </Card>
        <Card title={`当前会话（${a?.sessions.length ?? 0}）`} data-testid="account-sessions">
          {a ? <Sessions sessions={a.sessions} /> : <Skeleton active paragraph={{ rows: 2 }} />}
        </Card>
        <ResetPasswordModal
          open={resetting}
          username={username}
          name={name}
          onClose={() => setResetting(false)}
          onDone={() => {
            setResetting(false);
            account.reload();
          }}
        />
      </Space>
    </Page>
  );
}

function Sessions({ sessions }: { sessions: readonly SessionInfo[] }) {
  if (sessions.length === 0) return <Empty description="没有进行中的会话" data-testid="account-no-sessions" />;
  const newest = [...sessions].sort((x, y) => y.lastUsedAt.localeCompare(x.lastUsedAt));
  return (
    <List
      dataSource={newest}
      renderItem={(s) => (
        <List.Item key={s.id} data-testid="account-session">
          <List.Item.Meta
            title={
              <Space wrap size={4}>
                <span>{device(s.userAgent)}</span>
                {s.sourceIp && <Typography.Text type="secondary">IP {s.sourceIp}</Typography.Text>}
              </Space>
            }
            description={
              <Space wrap size={[12, 0]}>
                <span>登录于 {time(s.createdAt)}</span>
                <span>最近活动 {time(s.lastUsedAt)}</span>
                <span>最迟至 {time(s.expiresAt)}</span>
              </Space>
            }
          />
        </List.Item>
      )}
    />
  );
}

function ResetPasswordModal(props: { open: boolean; username: string; name: string; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm();
  const { busy, save } = useSave(form);

  useLayoutEffect(() => {
    if (props.open) form.resetFields();
  }, [props.open, form]);

  const submit = async () => {
    const body = { password: form.getFieldValue('password') ?? '' };
    if (!checkWith(form, resetPasswordInput, body)) return;
    await save(() => authApi.resetPassword(props.username, body), { done: `已重置 ${props.name} 的密码`, then: props.onDone });
  };

  return (
    <Modal
      title={`重置密码 · ${props.name}`}
      open={props.open}
      onOk={submit}
      onCancel={props.onClose}
      confirmLoading={busy}
      okText="保存"
      okButtonProps={{ 'data-testid': 'reset-password-submit' } as ButtonProps}
      forceRender
    >
      <Typography.Paragraph type="secondary">
        重置后该账号的全部会话将结束，账号锁定随之解除。请将新密码当面或电话告知本人，并提醒其登录后修改。
      </Typography.Paragraph>
      <Form form={form} name="reset-password" layout="vertical" autoComplete="off" onFinish={submit}>
        <Form.Item name="password" label="新密码" required={requiredBy(resetPasswordInput)('password')} extra={`至少${PASSWORD_MIN_LENGTH}位，包含大写字母、小写字母、数字、符号中的至少三类`}>
          <Input.Password autoComplete="new-password" data-testid="reset-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

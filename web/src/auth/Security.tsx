// 登录安全 (county admin): the county's sign-in setting — a second factor required of the privileged
// roles — and the way to one account's sign-in security (also linked from 用户管理).
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App, AutoComplete, Card, Input, Space, Switch, Typography, type ButtonProps } from 'antd';
import dayjs from 'dayjs';
import { PRIVILEGED_ROLES, ROLE_LABELS } from '@sifasuo/domain';
import { all } from '../kit/api';
import { useReportError } from '../kit/errors';
import { useMe } from '../kit/guards';
import { canManageAccount } from '../kit/permissions';
import { Forbidden, LoadFailed } from '../kit/results';
import { useLoad } from '../kit/useLoad';
import { Page } from '../kit/page';
import { authApi } from './api';

const PRIVILEGED = PRIVILEGED_ROLES.map((r) => ROLE_LABELS[r]).join('、');

export default function Security() {
  return (
    <Page title="登录安全">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <SettingsCard />
        <AccountLookup />
      </Space>
    </Page>
  );
}

function SettingsCard() {
  const settings = useLoad(() => authApi.settings(), []);
  const [busy, setBusy] = useState(false);
  const { message, modal } = App.useApp();
  const report = useReportError();

  if (settings.errorStatus === 403) return <Forbidden message={settings.errorMessage} />;
  if (settings.errorStatus !== undefined) return <LoadFailed message={settings.errorMessage ?? ''} retry={settings.reload} />;
  const current = settings.data;

  const change = (on: boolean) => {
    if (!current) return;
    modal.confirm({
      title: on ? '开启强制两步验证？' : '关闭强制两步验证？',
      content: on
        ? `开启后，${PRIVILEGED}登录时必须输入手机身份验证器中的验证码；尚未设置的，将在下次登录时被要求先完成设置。已登录的会话不受影响。`
        : `关闭后，${PRIVILEGED}可以自行关闭两步验证，未设置的可只用密码登录。等保三级要求特权账号使用两种以上鉴别方式，请谨慎关闭。`,
      okText: on ? '开启' : '关闭',
      okButtonProps: { danger: !on, 'data-testid': 'security-settings-confirm' } as ButtonProps,
      cancelText: '取消',
      onOk: async () => {
        setBusy(true);
        try {
          const saved = await authApi.updateSettings({ totpRequiredForPrivileged: on, version: current.version });
          settings.setData(saved);
          message.success(on ? '已开启强制两步验证' : '已关闭强制两步验证');
        } catch (e) {
          // 409: changed meanwhile (another administrator, another tab) — the notice offers 刷新.
          report(e, { reload: settings.reload });
        } finally {
          setBusy(false);
        }
      },
    });
  };

  return (
    <Card title="登录安全设置" loading={settings.loading && !current} data-testid="security-settings">
      <Space align="start" size="middle" style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <div style={{ maxWidth: 560 }}>
          <Typography.Text strong>强制特权角色两步验证</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            要求{PRIVILEGED}登录时除密码外，还须输入手机身份验证器中的验证码（等保三级：特权账号使用两种以上鉴别方式）。
          </Typography.Paragraph>
        </div>
        <Switch
          checked={!!current?.totpRequiredForPrivileged}
          loading={busy}
          onChange={change}
          checkedChildren="已开启"
          unCheckedChildren="未开启"
          data-testid="security-totp-required"
        />
      </Space>
      {current?.updatedAt && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }} data-testid="security-settings-updated">
          最后修改：{dayjs(current.updatedAt).format('YYYY-MM-DD HH:mm')}（版本 {current.version}）
        </Typography.Paragraph>
      )}
    </Card>
  );
}

/** Finds an account by name or username and opens its sign-in security. */
function AccountLookup() {
  const navigate = useNavigate();
  const me = useMe();
  const [text, setText] = useState('');
  // The org's users, for suggestions only: a username typed in full works without them.
  const users = useLoad(() => all('GET /api/org/users'), []);
  const options = useMemo(() => {
    const q = text.trim().toLowerCase();
    return (users.data ?? [])
      // Auditor accounts are the bureau leader's (三员分立): not suggested to the county admin.
      .filter((u) => canManageAccount(me, u))
      .filter((u) => !q || u.username.includes(q) || u.displayName.toLowerCase().includes(q))
      .slice(0, 50)
      .map((u) => ({ value: u.username, label: `${u.displayName}（${u.username}）${u.enabled ? '' : ' · 已停用'}` }));
  }, [users.data, text, me]);
  const open = (username: string) => {
    const name = username.trim();
    if (name) navigate(`/security/accounts/${encodeURIComponent(name)}`);
  };
  return (
    <Card title="账号登录安全">
      <Typography.Paragraph type="secondary">
        查看某个账号的登录状态和会话，为其重置密码、强制下线或重置两步验证。也可在“用户管理”中点击该用户的“登录安全”。
      </Typography.Paragraph>
      {users.errorStatus !== undefined && (
        <Alert type="warning" showIcon title="用户列表加载失败，请直接输入用户名" style={{ marginBottom: 12 }} />
      )}
      <AutoComplete options={options} value={text} onChange={setText} onSelect={open} style={{ width: '100%', maxWidth: 480 }}>
        <Input.Search placeholder="输入姓名或用户名" enterButton="查看" onSearch={open} allowClear data-testid="security-account-search" />
      </AutoComplete>
    </Card>
  );
}

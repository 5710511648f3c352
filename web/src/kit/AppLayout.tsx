import { Suspense, useEffect, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Button, Dropdown, Layout, Menu, Space, Tag, Typography } from 'antd';
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { ROLE_LABELS } from '@sifasuo/domain';
import { call } from './api';
import { menuFor, type PortalContext } from './portal';
import { getSession, logout, updateUser, watchSession, type Me } from './session';

const { Header, Sider, Content } = Layout;

/** The side menu's items: the contexts' entries this user is allowed (kit/portal.ts). */
const menuItems = (contexts: readonly PortalContext[], me: Me) =>
  menuFor(contexts, me).map((e) => ({
    key: e.path,
    icon: e.icon,
    label: (
      <Link to={e.path} data-testid={`menu-${e.id}`}>
        {e.label}
      </Link>
    ),
  }));

/**
 * The signed-in shell, built from the contexts' declarations: the side menu, the header (the user, their
 * roles and what the contexts add, e.g. the user's office) and the account menu with the contexts' dialogs.
 */
export default function AppLayout({ contexts }: { contexts: readonly PortalContext[] }) {
  const [me, setMe] = useState<Me>(() => getSession()!.user);
  const [dialog, setDialog] = useState<string>();
  const location = useLocation();
  const navigate = useNavigate();

  useEffect(() => watchSession(), []);
  useEffect(() => {
    // The session's user as the server sees it now (roles or unit may have changed since the login).
    call('GET /api/auth/me')
      .then(({ totpEnrolled: _enrolled, totpRequired: _required, ...user }) => {
        updateUser(user);
        setMe(user);
      })
      .catch(() => undefined);
  }, []);

  const items = useMemo(() => menuItems(contexts, me), [contexts, me]);
  const selected = items
    .map((i) => i.key)
    .filter((k) => location.pathname === k || location.pathname.startsWith(`${k}/`))
    .sort((a, b) => b.length - a.length)[0];
  const headerParts = contexts.flatMap((c) => (c.header ? [{ context: c.context, Part: c.header }] : []));
  const actions = contexts.flatMap((c) => c.account ?? []);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider breakpoint="lg" collapsedWidth={0} width={200} theme="dark">
        <div style={{ color: '#fff', fontWeight: 600, fontSize: 16, padding: '18px 16px', whiteSpace: 'nowrap' }}>
          司法所工作管理系统
        </div>
        <Menu theme="dark" mode="inline" selectedKeys={selected ? [selected] : []} items={items} data-testid="side-menu" />
      </Sider>
      <Layout>
        <Header
          style={{ background: '#fff', padding: '0 24px', display: 'flex', alignItems: 'center', justifyContent: 'flex-end', gap: 12 }}
        >
          <Space size="small" wrap data-testid="header-user">
            <UserOutlined />
            <Typography.Text strong data-testid="header-name">{me.displayName}</Typography.Text>
            {me.roles.map((r) => (
              <Tag key={r} color="blue">{ROLE_LABELS[r]}</Tag>
            ))}
            {headerParts.map(({ context, Part }) => (
              <Suspense key={context} fallback={null}>
                <Part me={me} />
              </Suspense>
            ))}
          </Space>
          {/* Opened by a click (a tap on a phone, which has no hover). */}
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                ...actions.map((a) => ({ key: a.id, icon: a.icon, label: <span data-testid={`account-action-${a.id}`}>{a.label}</span>, onClick: () => setDialog(a.id) })),
                {
                  key: 'logout',
                  icon: <LogoutOutlined />,
                  label: <span data-testid="logout">退出登录</span>,
                  onClick: () => {
                    logout('manual');
                    navigate('/login', { replace: true });
                  },
                },
              ],
            }}
          >
            <Button data-testid="account-menu">账号</Button>
          </Dropdown>
        </Header>
        <Content style={{ margin: 16 }}>
          <Outlet />
        </Content>
      </Layout>
      {actions.map(({ id, dialog: Dialog }) => (
        <Suspense key={id} fallback={null}>
          <Dialog open={dialog === id} onClose={() => setDialog(undefined)} />
        </Suspense>
      ))}
    </Layout>
  );
}

import { Suspense, useEffect, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Button, Drawer, Dropdown, Flex, Grid, Layout, Menu, Tag, Typography } from 'antd';
import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
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

/** The product's name at the top of the menu. */
const Brand = () => (
  <div style={{ color: '#fff', fontWeight: 600, fontSize: 16, padding: '18px 16px', whiteSpace: 'nowrap' }}>司法所工作管理系统</div>
);

/**
 * The signed-in shell, built from the contexts' declarations: the side menu, the header (the user, their
 * roles and what the contexts add, e.g. the user's office) and the account menu with the contexts' dialogs.
 * Below `lg` (a phone, a narrow tablet) the menu is a drawer over the page, opened by a button, and the
 * header shows the name alone: the roles and the office move into the account menu, so nothing spills.
 */
export default function AppLayout({ contexts }: { contexts: readonly PortalContext[] }) {
  const [me, setMe] = useState<Me>(() => getSession()!.user);
  const [dialog, setDialog] = useState<string>();
  const [opened, setOpened] = useState<ReadonlySet<string>>(new Set());
  const openDialog = (id: string) => {
    setOpened((o) => new Set(o).add(id));
    setDialog(id);
  };
  const [drawerOpen, setDrawerOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  // Until the first measurement, a wide screen (no drawer flashing on a desktop).
  const narrow = Grid.useBreakpoint().lg === false;

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
  // A page chosen in the drawer: the drawer makes way for it.
  useEffect(() => setDrawerOpen(false), [location.pathname]);

  const items = useMemo(() => menuItems(contexts, me), [contexts, me]);
  // The longest entry the path is in: `/` (首页) only on the home itself, `/offices` on the offices list
  // and `/offices/0101` (本所概况) on the own office.
  const selected = items
    .map((i) => i.key)
    .filter((k) => location.pathname === k || (k !== '/' && location.pathname.startsWith(`${k}/`)))
    .sort((a, b) => b.length - a.length)[0];
  const headerParts = contexts.flatMap((c) => (c.header ? [{ context: c.context, Part: c.header }] : []));
  const actions = contexts.flatMap((c) => c.account ?? []);

  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      selectedKeys={selected ? [selected] : []}
      items={items}
      onClick={() => setDrawerOpen(false)}
      data-testid="side-menu"
    />
  );
  const unit = headerParts.map(({ context, Part }) => (
    <Suspense key={context} fallback={null}>
      <Part me={me} />
    </Suspense>
  ));
  const roles = me.roles.map((r) => (
    <Tag key={r} color="blue" style={{ marginInlineEnd: 0 }}>
      {ROLE_LABELS[r]}
    </Tag>
  ));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!narrow && (
        <Sider width={200} theme="dark">
          <Brand />
          {menu}
        </Sider>
      )}
      {narrow && (
        <Drawer
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          size={240}
          closable={false}
          styles={{ body: { padding: 0, background: '#001529' } }}
          data-testid="menu-drawer"
        >
          <Brand />
          {menu}
        </Drawer>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Header
          style={{ background: '#fff', padding: narrow ? '0 12px' : '0 24px', display: 'flex', alignItems: 'center', gap: 12, minWidth: 0 }}
        >
          {narrow && (
            <Button type="text" icon={<MenuOutlined />} aria-label="打开菜单" onClick={() => setDrawerOpen(true)} data-testid="menu-toggle" />
          )}
          <Flex align="center" gap={8} wrap={!narrow} justify="flex-end" style={{ flex: 1, minWidth: 0 }} data-testid="header-user">
            <UserOutlined />
            <Typography.Text strong ellipsis style={{ maxWidth: narrow ? '10em' : undefined }} data-testid="header-name">
              {me.displayName}
            </Typography.Text>
            {!narrow && roles}
            {!narrow && unit}
          </Flex>
          {/* Opened by a click (a tap on a phone, which has no hover). */}
          <Dropdown
            trigger={['click']}
            popupRender={(list) =>
              narrow ? (
                <div style={{ background: '#fff', borderRadius: 8, boxShadow: '0 6px 16px rgba(0,0,0,0.12)', maxWidth: 'calc(100vw - 24px)' }}>
                  {/* On a phone the header has room for the name alone: who the user is, here. */}
                  <Flex vertical gap={6} style={{ padding: '12px 16px 8px' }} data-testid="account-who">
                    <Typography.Text strong>{me.displayName}</Typography.Text>
                    <Flex wrap gap={4}>{roles}</Flex>
                    {unit}
                  </Flex>
                  {list}
                </div>
              ) : (
                list
              )
            }
            menu={{
              items: [
                ...actions.map((a) => ({ key: a.id, icon: a.icon, label: <span data-testid={`account-action-${a.id}`}>{a.label}</span>, onClick: () => openDialog(a.id) })),
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
              style: narrow ? { boxShadow: 'none' } : undefined,
            }}
          >
            <Button data-testid="account-menu">账号</Button>
          </Dropdown>
        </Header>
        <Content style={{ margin: narrow ? 12 : 16, minWidth: 0 }}>
          <Outlet />
        </Content>
      </Layout>
      {/* A dialog's code loads when it is first opened (not with every page), and stays for its closing animation. */}
      {actions
        .filter(({ id }) => opened.has(id))
        .map(({ id, dialog: Dialog }) => (
          <Suspense key={id} fallback={null}>
            <Dialog open={dialog === id} onClose={() => setDialog(undefined)} />
          </Suspense>
        ))}
    </Layout>
  );
}

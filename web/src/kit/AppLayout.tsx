import { useEffect, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Button, Dropdown, Layout, Menu, Space, Tag, Typography } from 'antd';
import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { ROLE_LABELS, type Department, type Office } from '@sifasuo/domain';
import { authApi } from '../auth/api';
import { orgApi } from '../org/api';
import { menuFor, type PortalContext } from './portal';
import { getSession, logout, updateUser, watchSession, type Me } from './session';
import ChangePasswordModal from '../auth/ChangePasswordModal';

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

/** The signed-in shell: side menu from the contexts' declarations, header with the user and their unit, account menu. */
export default function AppLayout({ contexts }: { contexts: readonly PortalContext[] }) {
  const [me, setMe] = useState<Me>(() => getSession()!.user);
  const [office, setOffice] = useState<Office>();
  const [department, setDepartment] = useState<Department>();
  const [pwdOpen, setPwdOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();

  useEffect(() => watchSession(), []);
  useEffect(() => {
    authApi
      .me()
      .then((fresh) => {
        // The ID token may carry no name claim (cognito-local): keep the login's display name then.
        const user = fresh.displayName === fresh.username ? { ...fresh, displayName: getSession()?.user.displayName ?? fresh.displayName } : fresh;
        updateUser(user);
        setMe(user);
      })
      .catch(() => undefined);
  }, []);
  useEffect(() => {
    if (me.officeId) orgApi.office(me.officeId).then(setOffice).catch(() => undefined);
    if (me.departmentId) {
      orgApi
        .departments()
        .then((ds) => setDepartment(ds.find((d) => d.id === me.departmentId)))
        .catch(() => undefined);
    }
  }, [me.officeId, me.departmentId]);

  const items = useMemo(() => menuItems(contexts, me), [contexts, me]);
  const selected = items
    .map((i) => i.key)
    .filter((k) => location.pathname === k || location.pathname.startsWith(`${k}/`))
    .sort((a, b) => b.length - a.length)[0];

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
            {office && <Typography.Text type="secondary" data-testid="header-office">{office.name}</Typography.Text>}
            {department && <Typography.Text type="secondary">{department.name}</Typography.Text>}
          </Space>
          <Dropdown
            menu={{
              items: [
                { key: 'password', icon: <KeyOutlined />, label: '修改密码', onClick: () => setPwdOpen(true) },
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
      <ChangePasswordModal open={pwdOpen} onClose={() => setPwdOpen(false)} />
    </Layout>
  );
}

import { useLayoutEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Flex, Form, Input, Modal, Select, Space, Switch, Tag, Typography, type ButtonProps } from 'antd';
import { PlusOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import {
  createUserInput,
  PASSWORD_MIN_LENGTH,
  resetPasswordInput,
  ROLE_LABELS,
  ROLES,
  UNIT_ROLES,
  updateUserInput,
  type Department,
  type Office,
  type Role,
  type User,
} from '@sifasuo/domain';
import { orgApi } from './api';
import { isApiError } from '../kit/api';
import { checkWith, dropEmpty, useReportError, useSave } from '../kit/errors';
import { useMe } from '../kit/guards';
import { canManageAccount, grantableRoles } from '../kit/permissions';
import { Page } from '../kit/page';
import { ResponsiveTable, type ResponsiveColumn } from '../kit/ResponsiveTable';
import { Forbidden, LoadFailed } from '../kit/results';
import { useLoad } from '../kit/useLoad';

const PASSWORD_HINT = `至少${PASSWORD_MIN_LENGTH}位，包含大写字母、小写字母、数字、符号中的至少三类`;

/** Where an account's sign-in security is (the auth context's page: password, sessions, second factor). */
const securityPath = (username: string) => `/security/accounts/${encodeURIComponent(username)}`;

interface UserSearch {
  q?: string;
  officeId?: string;
  role?: Role;
}

/**
 * User accounts: the county admin's, but auditor accounts are the bureau leader's (三员分立) — the
 * admin sees them without actions, the leader sees only them. The server refuses regardless.
 */
export default function Users() {
  const me = useMe();
  // Keyed by the roles: useMe() reads the session anew each render, and a new array would reset an open form.
  const roleKey = me.roles.join();
  const grantable = useMemo(() => grantableRoles(me), [roleKey]);
  const [search, setSearch] = useState<UserSearch>({});
  const users = useLoad(() => orgApi.users(search), [search]);
  const refs = useLoad(() => Promise.all([orgApi.offices(), orgApi.departments()]), []);
  const [editing, setEditing] = useState<User | 'new'>();
  const [offices, departments] = refs.data ?? [[] as Office[], [] as Department[]];
  const officeName = useMemo(() => new Map(offices.map((o) => [o.id, o.name])), [offices]);
  const deptName = useMemo(() => new Map(departments.map((d) => [d.id, d.name])), [departments]);
  /**
   * Units and roles matter to whoever manages accounts tied to a unit (the county admin); the bureau
   * leader manages auditor accounts only: no office, department or role to show or filter by.
   */
  const unitsShown = grantable.some((r) => UNIT_ROLES.includes(r));

  if (users.errorStatus === 403) return <Forbidden message={users.errorMessage} />;
  if (users.errorStatus !== undefined) return <LoadFailed message={users.errorMessage ?? ''} retry={users.reload} />;

  const columns: ResponsiveColumn<User>[] = [
    { title: '用户名', dataIndex: 'username', cardTitle: true },
    { title: '姓名', dataIndex: 'displayName' },
    ...(unitsShown
      ? [
          {
            title: '角色',
            dataIndex: 'roles',
            render: (roles: Role[]) => roles.map((r) => <Tag key={r} color="blue">{ROLE_LABELS[r]}</Tag>),
          },
          { title: '所属司法所', dataIndex: 'officeId', render: (id?: string) => (id ? (officeName.get(id) ?? id) : '—') },
          { title: '所属股室', dataIndex: 'departmentId', render: (id?: string) => (id ? (deptName.get(id) ?? id) : '—') },
        ]
      : []),
    { title: '联系电话', dataIndex: 'phone', render: (p?: string) => p || '—' },
    {
      title: '状态',
      dataIndex: 'enabled',
      render: (e: boolean) => (e ? <Tag color="green">启用</Tag> : <Tag color="red">停用</Tag>),
    },
    {
      title: '操作',
      key: 'actions',
      render: (_: unknown, u: User) =>
        canManageAccount(me, u) ? (
          <Space size={0} wrap>
            <Button type="link" size="small" onClick={() => setEditing(u)} data-testid={`user-edit-${u.username}`}>
              编辑
            </Button>
            <Link to={securityPath(u.username)} style={{ padding: '0 7px', whiteSpace: 'nowrap' }} data-testid={`user-security-${u.username}`}>
              <SafetyCertificateOutlined /> 登录安全
            </Link>
          </Space>
        ) : (
          <Typography.Text type="secondary" data-testid={`user-separated-${u.username}`}>
            由局领导管理（三员分立）
          </Typography.Text>
        ),
    },
  ];

  return (
    <Page
      title="用户管理"
      extra={
        grantable.length > 0 && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="user-create">
            新增用户
          </Button>
        )
      }
    >
      <Flex wrap gap={8} style={{ marginBottom: 16 }} data-testid="user-filters">
        <Input.Search
          placeholder="姓名或用户名"
          allowClear
          maxLength={40}
          enterButton="搜索"
          style={{ width: 280, maxWidth: '100%' }}
          onSearch={(q) => setSearch((s) => ({ ...s, q: q.trim() || undefined }))}
          data-testid="user-search"
        />
        {unitsShown && (
          <>
            <Select
              allowClear
              placeholder="所属司法所"
              aria-label="按所属司法所筛选"
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 200, maxWidth: '100%' }}
              options={offices.map((o) => ({ value: o.id, label: `${o.id} ${o.name}` }))}
              onChange={(officeId?: string) => setSearch((s) => ({ ...s, officeId }))}
              data-testid="user-filter-office"
            />
            <Select
              allowClear
              placeholder="角色"
              aria-label="按角色筛选"
              style={{ width: 160, maxWidth: '100%' }}
              options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
              onChange={(role?: Role) => setSearch((s) => ({ ...s, role }))}
              data-testid="user-filter-role"
            />
          </>
        )}
      </Flex>
      <ResponsiveTable<User>
        rowKey="username"
        size="middle"
        loading={users.loading}
        dataSource={users.data ?? []}
        pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 个用户` }}
        data-testid="users-table"
        columns={columns}
      />
      <UserFormModal
        user={editing}
        roles={grantable}
        offices={offices}
        departments={departments}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          users.reload();
        }}
        onCreated={users.reload}
      />
    </Page>
  );
}

function UserFormModal(props: {
  user: User | 'new' | undefined;
  /** The roles the signed-in user may grant (the county admin: all but the auditor's; the leader: only it). */
  roles: Role[];
  offices: Office[];
  departments: Department[];
  onClose: () => void;
  onSaved: () => void;
  /** The account exists now, whether or not its password could be set. */
  onCreated: () => void;
}) {
  const [form] = Form.useForm();
  const { busy, save } = useSave(form);
  const report = useReportError();
  const { message } = App.useApp();
  const existing = props.user && props.user !== 'new' ? props.user : undefined;
  /** Created by this form, but its initial password was refused or not sent: only the password is left to do. */
  const [unset, setUnset] = useState<{ user: User; reason: string }>();
  const [settingPassword, setSettingPassword] = useState(false);

  useLayoutEffect(() => {
    if (!props.user) return;
    setUnset(undefined);
    form.resetFields();
    form.setFieldsValue(existing ? { ...existing } : { enabled: true, roles: props.roles.length === 1 ? props.roles : [] });
  }, [props.user, existing, form, props.roles]);
  /** Office and department matter only to roles tied to a unit (not to the leader's auditor accounts). */
  const unitRoles = props.roles.some((r) => UNIT_ROLES.includes(r));

  /** The second call of a creation: the initial password, through the auth context. */
  const setPassword = async (user: User, password: string) => {
    setSettingPassword(true);
    try {
      await orgApi.setInitialPassword(user.username, { password });
      message.success(unset ? `已为 ${user.displayName} 设置初始密码` : '用户已创建');
      setUnset(undefined);
      props.onSaved();
    } catch (e) {
      // The account stands; say so, keep the form for the password alone.
      setUnset({ user, reason: isApiError(e) ? e.message : '网络异常' });
      if (isApiError(e) && e.status === 401) return;
      if (isApiError(e) && e.fields) report(e, { form });
    } finally {
      setSettingPassword(false);
    }
  };

  const submit = async () => {
    const v = form.getFieldsValue();
    const { username, password, ...fields } = dropEmpty({ ...v, roles: v.roles ?? [], enabled: !!v.enabled });
    if (unset) {
      const body = { password: String(password ?? '') };
      if (!checkWith(form, resetPasswordInput, body)) return;
      return setPassword(unset.user, body.password);
    }
    if (existing) {
      const body = { ...fields, version: existing.version };
      if (!checkWith(form, updateUserInput, body)) return;
      return save(() => orgApi.updateUser(existing.username, body), { done: '用户已保存', then: props.onSaved, reload: props.onSaved });
    }
    // Both checked before anything is sent: a weak password does not leave an account behind.
    const body = { ...fields, username };
    const pass = { password: String(password ?? '') };
    if (!checkWith(form, createUserInput, body) || !checkWith(form, resetPasswordInput, pass)) return;
    let created: User;
    try {
      created = await orgApi.createUser(body);
    } catch (e) {
      return report(e, { form });
    }
    props.onCreated();
    await setPassword(created, pass.password);
  };

  return (
    <Modal
      title={existing ? `编辑用户 · ${existing.username}` : '新增用户'}
      open={!!props.user}
      onOk={submit}
      onCancel={props.onClose}
      confirmLoading={busy || settingPassword}
      okText={unset ? '设置初始密码' : '保存'}
      okButtonProps={{ 'data-testid': 'user-submit' } as ButtonProps}
      forceRender
    >
      {unset && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`账号 ${unset.user.username} 已创建，但初始密码未设置`}
          description={
            <>
              原因：{unset.reason}。设置密码前该账号无法登录。请在下方输入符合要求的密码后点击“设置初始密码”；也可以关闭本窗口，稍后在用户列表中点击该用户的“登录安全”→“重置密码”。
            </>
          }
          data-testid="user-password-unset"
        />
      )}
      <Form form={form} layout="vertical" autoComplete="off" data-testid="user-form" disabled={!!unset}>
        {!existing && (
          <>
            <Form.Item name="username" label="用户名" required extra="3–32位小写字母、数字或连字符">
              <Input maxLength={32} data-testid="user-username" />
            </Form.Item>
            <Form.Item name="password" label="初始密码" required extra={PASSWORD_HINT}>
              <Input.Password autoComplete="new-password" disabled={false} data-testid="user-password" />
            </Form.Item>
          </>
        )}
        <Form.Item name="displayName" label="姓名" required>
          <Input maxLength={20} data-testid="user-displayName" />
        </Form.Item>
        <Form.Item name="roles" label="角色" required>
          <Select mode="multiple" data-testid="user-roles" options={props.roles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} placeholder="可选择多个角色" />
        </Form.Item>
        <Form.Item name="officeId" label="所属司法所" extra="司法所工作人员、片区中心所长须指定" hidden={!unitRoles}>
          <Select
            data-testid="user-officeId"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={props.offices.map((o) => ({ value: o.id, label: `${o.id} ${o.name}` }))}
            placeholder="请选择司法所"
          />
        </Form.Item>
        <Form.Item name="departmentId" label="所属股室" extra="业务股室角色须指定" hidden={!unitRoles}>
          <Select allowClear options={props.departments.map((d) => ({ value: d.id, label: d.name }))} placeholder="请选择股室" />
        </Form.Item>
        <Form.Item name="phone" label="联系电话">
          <Input />
        </Form.Item>
        <Form.Item name="enabled" label="账号状态" valuePropName="checked">
          <Switch checkedChildren="启用" unCheckedChildren="停用" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

import { useLayoutEffect, useMemo, useState } from 'react';
import { Button, Card, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography, type ButtonProps } from 'antd';
import { KeyOutlined, PlusOutlined } from '@ant-design/icons';
import {
  createUserInput,
  PASSWORD_MIN_LENGTH,
  passwordProblem,
  resetPasswordInput,
  ROLE_LABELS,
  ROLES,
  updateUserInput,
  type Department,
  type Office,
  type Role,
  type User,
} from '@sifasuo/domain';
import { orgApi } from './api';
import { checkWith, clientValidationOn, dropEmpty, useSave } from '../kit/errors';
import { Forbidden, LoadFailed } from '../kit/results';
import { useLoad } from '../kit/useLoad';

const PASSWORD_HINT = `至少${PASSWORD_MIN_LENGTH}位，包含大写字母、小写字母、数字、符号中的至少三类`;

/** User accounts (county admin only). */
export default function Users() {
  const users = useLoad(() => orgApi.users(), []);
  const refs = useLoad(() => Promise.all([orgApi.offices(), orgApi.departments()]), []);
  const [editing, setEditing] = useState<User | 'new'>();
  const [resetting, setResetting] = useState<User>();
  const [offices, departments] = refs.data ?? [[] as Office[], [] as Department[]];
  const officeName = useMemo(() => new Map(offices.map((o) => [o.id, o.name])), [offices]);
  const deptName = useMemo(() => new Map(departments.map((d) => [d.id, d.name])), [departments]);

  if (users.errorStatus === 403) return <Forbidden message={users.errorMessage} />;
  if (users.errorStatus !== undefined) return <LoadFailed message={users.errorMessage ?? ''} retry={users.reload} />;

  return (
    <Card
      title="用户管理"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="user-create">
          新增用户
        </Button>
      }
    >
      <Table<User>
        rowKey="username"
        size="middle"
        loading={users.loading}
        dataSource={users.data ?? []}
        pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 个用户` }}
        scroll={{ x: 'max-content' }}
        data-testid="users-table"
        columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '姓名', dataIndex: 'displayName' },
          {
            title: '角色',
            dataIndex: 'roles',
            render: (roles: Role[]) => roles.map((r) => <Tag key={r} color="blue">{ROLE_LABELS[r]}</Tag>),
          },
          { title: '所属司法所', dataIndex: 'officeId', render: (id?: string) => (id ? (officeName.get(id) ?? id) : '—') },
          { title: '所属股室', dataIndex: 'departmentId', render: (id?: string) => (id ? (deptName.get(id) ?? id) : '—') },
          { title: '联系电话', dataIndex: 'phone', render: (p?: string) => p || '—' },
          {
            title: '状态',
            dataIndex: 'enabled',
            render: (e: boolean) => (e ? <Tag color="green">启用</Tag> : <Tag color="red">停用</Tag>),
          },
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, u: User) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing(u)} data-testid={`user-edit-${u.username}`}>
                  编辑
                </Button>
                <Button type="link" size="small" icon={<KeyOutlined />} onClick={() => setResetting(u)}>
                  重置密码
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <UserFormModal
        user={editing}
        offices={offices}
        departments={departments}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          users.reload();
        }}
      />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(undefined)} />
    </Card>
  );
}

function UserFormModal(props: {
  user: User | 'new' | undefined;
  offices: Office[];
  departments: Department[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm();
  const { busy, save } = useSave(form);
  const existing = props.user && props.user !== 'new' ? props.user : undefined;

  useLayoutEffect(() => {
    if (!props.user) return;
    form.resetFields();
    form.setFieldsValue(existing ? { ...existing } : { enabled: true, roles: [] });
  }, [props.user, existing, form]);

  const submit = async () => {
    const v = form.getFieldsValue();
    const { username, password, ...fields } = dropEmpty({ ...v, roles: v.roles ?? [], enabled: !!v.enabled });
    let send: () => Promise<User>;
    if (existing) {
      const body = { ...fields, version: existing.version };
      if (!checkWith(form, updateUserInput, body)) return;
      send = () => orgApi.updateUser(existing.username, body);
    } else {
      const body = { ...fields, username, password };
      if (!checkWith(form, createUserInput, body)) return;
      const weak = clientValidationOn() && passwordProblem(String(body.password ?? ''));
      if (weak) {
        form.setFields([{ name: 'password', errors: [weak] }]);
        return;
      }
      send = () => orgApi.createUser(body);
    }
    await save(send, {
      done: existing ? '用户已保存' : '用户已创建',
      then: props.onSaved,
      reload: props.onSaved,
    });
  };

  return (
    <Modal
      title={existing ? `编辑用户 · ${existing.username}` : '新增用户'}
      open={!!props.user}
      onOk={submit}
      onCancel={props.onClose}
      confirmLoading={busy}
      okText="保存"
      okButtonProps={{ 'data-testid': 'user-submit' } as ButtonProps}
      forceRender
    >
      <Form form={form} layout="vertical" autoComplete="off" data-testid="user-form">
        {!existing && (
          <>
            <Form.Item name="username" label="用户名" required extra="3–32位小写字母、数字或连字符">
              <Input maxLength={32} data-testid="user-username" />
            </Form.Item>
            <Form.Item name="password" label="初始密码" required extra={PASSWORD_HINT}>
              <Input.Password autoComplete="new-password" data-testid="user-password" />
            </Form.Item>
          </>
        )}
        <Form.Item name="displayName" label="姓名" required>
          <Input maxLength={20} data-testid="user-displayName" />
        </Form.Item>
        <Form.Item name="roles" label="角色" required>
          <Select mode="multiple" data-testid="user-roles" options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} placeholder="可选择多个角色" />
        </Form.Item>
        <Form.Item name="officeId" label="所属司法所" extra="司法所工作人员、片区中心所长须指定">
          <Select
            data-testid="user-officeId"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={props.offices.map((o) => ({ value: o.id, label: `${o.id} ${o.name}` }))}
            placeholder="请选择司法所"
          />
        </Form.Item>
        <Form.Item name="departmentId" label="所属股室" extra="业务股室角色须指定">
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

function ResetPasswordModal({ user, onClose }: { user?: User; onClose: () => void }) {
  const [form] = Form.useForm();
  const { busy, save } = useSave(form);

  useLayoutEffect(() => {
    if (user) form.resetFields();
  }, [user, form]);

  const submit = async () => {
    const body = { password: form.getFieldValue('password') ?? '' };
    if (!checkWith(form, resetPasswordInput, body)) return;
    await save(() => orgApi.resetPassword(user!.username, body), {
      done: `已重置 ${user!.displayName} 的密码`,
      then: onClose,
    });
  };

  return (
    <Modal title={`重置密码 · ${user?.displayName ?? ''}`} open={!!user} onOk={submit} onCancel={onClose} confirmLoading={busy} forceRender>
      <Typography.Paragraph type="secondary">重置后请将新密码告知本人，并提醒其登录后修改。</Typography.Paragraph>
      <Form form={form} layout="vertical" autoComplete="off">
        <Form.Item name="password" label="新密码" required extra={PASSWORD_HINT}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

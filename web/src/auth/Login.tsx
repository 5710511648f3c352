import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { loginInput } from '@sifasuo/domain';
import { isApiError } from '../kit/api';
import { authApi } from './api';
import { checkWith } from '../kit/errors';
import { LOGOUT_MESSAGES, saveSession } from '../kit/session';

export default function Login() {
  const [form] = Form.useForm();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const reason = params.get('reason') as keyof typeof LOGOUT_MESSAGES | null;
  const [notice, setNotice] = useState<string | undefined>(reason ? LOGOUT_MESSAGES[reason] : undefined);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const v = form.getFieldsValue() as { username?: string; password?: string };
    const body = { username: (v.username ?? '').trim(), password: v.password ?? '' };
    setError(undefined);
    if (!checkWith(form, loginInput, body)) return;
    setBusy(true);
    try {
      const result = await authApi.login(body);
      saveSession(result);
      setNotice(undefined);
      navigate('/', { replace: true });
    } catch (e) {
      // 401 wrong username/password, 423 locked, 403 disabled: the server's message says which.
      setError(isApiError(e) ? e.message : '登录失败，请稍后重试');
      if (isApiError(e) && e.fields) checkWith(form, loginInput, body);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(135deg, #1f4e9c 0%, #3b7dd8 100%)',
      }}
    >
      <Card style={{ width: 380 }} data-testid="login-card">
        <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 4 }}>
          司法所工作管理系统
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          县司法局 · 司法所工作管理
        </Typography.Paragraph>
        {notice && <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} data-testid="login-notice" />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form form={form} layout="vertical" onFinish={submit} autoComplete="off" requiredMark={false}>
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
      </Card>
    </div>
  );
}

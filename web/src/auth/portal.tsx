// The auth context in the portal: the login page, and 修改密码 in the header's account menu.
import { lazy } from 'react';
import { KeyOutlined } from '@ant-design/icons';
import { definePortal } from '../kit/portal';

export const authPortal = definePortal({
  context: 'auth',
  routes: [{ path: 'login', page: lazy(() => import('./Login')), public: true }],
  account: [{ id: 'password', label: '修改密码', icon: <KeyOutlined />, dialog: lazy(() => import('./ChangePasswordModal')) }],
});

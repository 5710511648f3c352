// The auth context in the portal: the login page; 修改密码 and 两步验证 in the header's account menu;
// 登录安全 for the county admin (the county's sign-in setting and each account's sign-in security).
import { lazy } from 'react';
import { KeyOutlined, SafetyCertificateOutlined, SafetyOutlined } from '@ant-design/icons';
import { canAdministerAccounts, canAdministerUsers } from '../kit/permissions';
import { definePortal } from '../kit/portal';

export const authPortal = definePortal({
  context: 'auth',
  routes: [
    { path: 'login', page: lazy(() => import('./Login')), public: true },
    { path: 'security', page: lazy(() => import('./Security')), allow: canAdministerAccounts },
    // One account's page: also the bureau leader's, for auditor accounts (the server decides per account).
    { path: 'security/accounts/:username', page: lazy(() => import('./AccountSecurity')), allow: canAdministerUsers },
  ],
  // The county admin's, who opens locked accounts (the route also answers the leader, for auditor accounts).
  home: [{ id: 'auth-locked-accounts', title: '锁定账号', kind: 'todo', allow: canAdministerAccounts, body: lazy(() => import('./home/LockedAccounts')) }],
  menu: [{ id: 'security', label: '登录安全', icon: <SafetyCertificateOutlined />, to: '/security', allow: canAdministerAccounts, section: 'admin' }],
  account: [
    { id: 'password', label: '修改密码', icon: <KeyOutlined />, dialog: lazy(() => import('./ChangePasswordModal')) },
    { id: 'totp', label: '两步验证', icon: <SafetyOutlined />, dialog: lazy(() => import('./TwoFactorModal')) },
  ],
});

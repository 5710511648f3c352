import { StrictMode, Suspense, lazy } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router-dom';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { RequireAuth, RequireRole } from './kit/guards';
import { NotFound } from './kit/results';

dayjs.locale('zh-cn');

const Login = lazy(() => import('./auth/Login'));
const AppLayout = lazy(() => import('./kit/AppLayout'));
const Home = lazy(() => import('./kit/Home'));
const Offices = lazy(() => import('./org/Offices'));
const OfficeDetail = lazy(() => import('./org/OfficeDetail'));
const Users = lazy(() => import('./org/Users'));
const Dictionaries = lazy(() => import('./org/Dictionaries'));
const Audit = lazy(() => import('./audit/Audit'));

const loading = <Spin size="large" style={{ display: 'block', margin: '20vh auto' }} />;
const page = (el: React.ReactNode) => <Suspense fallback={loading}>{el}</Suspense>;

const router = createBrowserRouter([
  { path: '/login', element: page(<Login />) },
  {
    path: '/',
    element: <RequireAuth>{page(<AppLayout />)}</RequireAuth>,
    children: [
      { index: true, element: page(<Home />) },
      {
        path: 'offices',
        element: <RequireRole roles={['area_director', 'department', 'bureau_leader', 'county_admin']}>{page(<Offices />)}</RequireRole>,
      },
      { path: 'offices/:officeId', element: page(<OfficeDetail />) },
      { path: 'users', element: <RequireRole roles={['county_admin']}>{page(<Users />)}</RequireRole> },
      { path: 'dictionaries', element: <RequireRole roles={['county_admin']}>{page(<Dictionaries />)}</RequireRole> },
      { path: 'audit', element: <RequireRole roles={['auditor']}>{page(<Audit />)}</RequireRole> },
      { path: 'home', element: <Navigate to="/" replace /> },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#1f4e9c' } }}>
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);

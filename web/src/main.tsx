import { StrictMode, Suspense, lazy } from 'react';
import { createRoot } from 'react-dom/client';
import { createHashRouter, Navigate, RouterProvider, type RouteObject } from 'react-router-dom';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { contexts } from './contexts';
import { Allowed, RequireAuth } from './kit/guards';
import type { PortalRoute } from './kit/portal';
import { LazyNotFound, Loading } from './kit/loading';
import { portalTheme } from './kit/theme';

dayjs.locale('zh-cn');

const AppLayout = lazy(() => import('./kit/AppLayout'));
const Home = lazy(() => import('./kit/Home'));

const page = (el: React.ReactNode) => <Suspense fallback={<Loading />}>{el}</Suspense>;
/** The signed-in layout's code on its way: the whole screen, like index.html's splash it follows. */
const shell = (el: React.ReactNode) => <Suspense fallback={<Loading full />}>{el}</Suspense>;

/** A context's route: its page behind its permission. */
const routeOf = ({ path, page: Page, allow, public: open }: PortalRoute): RouteObject => ({
  path,
  element: open ? shell(<Page />) : <Allowed allow={allow}>{page(<Page />)}</Allowed>,
});
const declared = contexts.flatMap((c) => c.routes);

// Hash routes (`/#/offices/0101`): the static host serves index.html for `/` alone and needs no rewrite
// at the edge — which the China regions' CloudFront cannot run (no CloudFront Functions there).
const router = createHashRouter([
  ...declared.filter((r) => r.public).map(routeOf),
  {
    path: '/',
    element: <RequireAuth>{shell(<AppLayout contexts={contexts} />)}</RequireAuth>,
    children: [
      { index: true, element: page(<Home contexts={contexts} />) },
      ...declared.filter((r) => !r.public).map(routeOf),
      { path: 'home', element: <Navigate to="/" replace /> },
      { path: '*', element: <LazyNotFound /> },
    ],
  },
]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={portalTheme}>
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);

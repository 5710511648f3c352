// What the first load needs while it waits or refuses, without antd's Result in the first download:
// the spinner, and the outcomes of kit/results.tsx loaded on demand (the first-load JS budget, issue 7).
import { lazy, Suspense, type ComponentProps } from 'react';
import { Flex, Spin } from 'antd';

/** A page (or, `full`, the whole screen) still loading: one spinner in the middle of it. */
export const Loading = ({ full }: { full?: boolean }) => (
  <Flex justify="center" align="center" style={{ minHeight: full ? '100vh' : '40vh' }} data-testid="loading">
    <Spin size="large" />
  </Flex>
);

const results = () => import('./results');
const ForbiddenPage = lazy(() => results().then((m) => ({ default: m.Forbidden })));
const NotFoundPage = lazy(() => results().then((m) => ({ default: m.NotFound })));
const NoFeaturesPage = lazy(() => results().then((m) => ({ default: m.NoFeatures })));

export const LazyForbidden = (props: ComponentProps<typeof ForbiddenPage>) => (
  <Suspense fallback={<Loading />}>
    <ForbiddenPage {...props} />
  </Suspense>
);
export const LazyNotFound = (props: ComponentProps<typeof NotFoundPage>) => (
  <Suspense fallback={<Loading />}>
    <NotFoundPage {...props} />
  </Suspense>
);
export const LazyNoFeatures = () => (
  <Suspense fallback={<Loading />}>
    <NoFeaturesPage />
  </Suspense>
);

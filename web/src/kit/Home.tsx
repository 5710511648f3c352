import { Navigate } from 'react-router-dom';
import { Result } from 'antd';
import { useMe } from './guards';
import { menuFor, type PortalContext } from './portal';

/** Lands each user on their first menu entry; users without one get a friendly note. */
export default function Home({ contexts }: { contexts: readonly PortalContext[] }) {
  const first = menuFor(contexts, useMe())[0];
  if (first) return <Navigate to={first.path} replace />;
  return (
    <Result
      status="info"
      title="暂无可用功能"
      subTitle="您的账号当前没有可使用的功能。档案检索等功能上线后将在此处提供。"
      data-testid="no-features"
    />
  );
}

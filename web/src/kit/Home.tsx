import { Navigate } from 'react-router-dom';
import { Result } from 'antd';
import { hasRole, useMe } from './guards';

/** Lands each role on its first page; roles without a page yet get a friendly note. */
export default function Home() {
  const me = useMe();
  if (hasRole(me, 'office_staff', 'area_director') && me.officeId) return <Navigate to={`/offices/${me.officeId}`} replace />;
  if (hasRole(me, 'department', 'bureau_leader', 'county_admin')) return <Navigate to="/offices" replace />;
  if (hasRole(me, 'auditor')) return <Navigate to="/audit" replace />;
  return (
    <Result
      status="info"
      title="暂无可用功能"
      subTitle="您的账号当前没有可使用的功能。档案检索等功能上线后将在此处提供。"
      data-testid="no-features"
    />
  );
}

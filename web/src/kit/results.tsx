// The pages' outcomes other than their data: 无权访问, 页面不存在, 加载失败. antd's Result (with its
// illustrations) is heavy: the first load takes these through kit/loading.tsx, on demand.
import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';

const backHome = (
  <Link to="/">
    <Button type="primary">返回首页</Button>
  </Link>
);

export const Forbidden = ({ message }: { message?: string }) => (
  <Result status="403" title="无权访问" subTitle={message ?? '您没有访问该页面或数据的权限。如有疑问请联系系统管理员。'} extra={backHome} data-testid="forbidden" />
);

export const NotFound = ({ message }: { message?: string }) => (
  <Result status="404" title="页面不存在" subTitle={message ?? '您访问的页面或数据不存在。'} extra={backHome} data-testid="not-found" />
);

export const LoadFailed = ({ message, retry }: { message: string; retry: () => void }) => (
  <Result status="error" title="加载失败" subTitle={message} extra={<Button onClick={retry}>重试</Button>} data-testid="load-failed" />
);

/** A user whose roles give no page yet (the home has no card for them). */
export const NoFeatures = () => (
  <Result status="info" title="暂无可用功能" subTitle="您的账号当前没有可使用的功能。档案检索等功能上线后将在此处提供。" data-testid="no-features" />
);

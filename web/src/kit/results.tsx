import { Button, Flex, Result, Spin } from 'antd';
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

/** A page (or, `full`, the whole screen) still loading: one spinner in the middle of it. */
export const Loading = ({ full }: { full?: boolean }) => (
  <Flex justify="center" align="center" style={{ minHeight: full ? '100vh' : '40vh' }} data-testid="loading">
    <Spin size="large" />
  </Flex>
);

// 锁定账号 (county admin; the bureau leader for auditor accounts): accounts locked out now, each
// linking to its 登录安全 page, where a password reset opens it.
import { Link } from 'react-router-dom';
import { List, Skeleton, Typography } from 'antd';
import { LOCK_MINUTES, MAX_FAILED_ATTEMPTS, shanghaiDateTime } from '@sifasuo/domain';
import { call } from '../../kit/api';
import { useLoad } from '../../kit/useLoad';

export default function LockedAccounts() {
  const locked = useLoad(() => call('GET /api/auth/locked-accounts'), []);
  if (locked.errorMessage) return <Typography.Text type="danger">{locked.errorMessage}</Typography.Text>;
  if (!locked.data) return <Skeleton active paragraph={{ rows: 2 }} />;
  const { items } = locked.data;
  return (
    <div data-testid="locked-accounts">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} data-testid="locked-accounts-count">
        {items.length
          ? `${items.length} 个账号因连续 ${MAX_FAILED_ATTEMPTS} 次密码错误被锁定（${LOCK_MINUTES} 分钟后自动解锁，重置密码可立即解锁）`
          : `当前没有被锁定的账号（连续 ${MAX_FAILED_ATTEMPTS} 次密码错误将锁定 ${LOCK_MINUTES} 分钟）`}
      </Typography.Paragraph>
      {items.length > 0 && (
        <List
          size="small"
          dataSource={items}
          renderItem={(a) => (
            <List.Item key={a.username} data-testid={`locked-${a.username}`}>
              <Link to={`/security/accounts/${encodeURIComponent(a.username)}`}>{`${a.displayName}（${a.username}）`}</Link>
              <Typography.Text type="secondary">{`锁定至 ${shanghaiDateTime(a.lockedUntil).slice(11)}`}</Typography.Text>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}

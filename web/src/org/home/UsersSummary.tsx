// 账号概况 (county admin): accounts in all, disabled ones, and accounts by role.
import { Link } from 'react-router-dom';
import { Flex, Skeleton, Statistic, Tag, Typography } from 'antd';
import { ROLE_LABELS, ROLES } from '@sifasuo/domain';
import { call } from '../../kit/api';
import { useLoad } from '../../kit/useLoad';

export default function UsersSummary() {
  const summary = useLoad(() => call('GET /api/org/user-summary'), []);
  if (summary.errorMessage) return <Typography.Text type="danger">{summary.errorMessage}</Typography.Text>;
  if (!summary.data) return <Skeleton active paragraph={{ rows: 3 }} />;
  const s = summary.data;
  return (
    <Flex vertical gap={12} data-testid="users-summary">
      <Flex wrap gap={24}>
        <Statistic title="账号总数" value={s.total} suffix="个" data-testid="users-total" />
        <Statistic title="已启用" value={s.enabled} suffix="个" />
        <Statistic title="已停用" value={s.disabled} suffix="个" data-testid="users-disabled" />
      </Flex>
      <Flex wrap gap={4} data-testid="users-by-role">
        {ROLES.filter((r) => s.byRole[r]).map((r) => (
          <Tag key={r}>{`${ROLE_LABELS[r]} ${s.byRole[r]}`}</Tag>
        ))}
      </Flex>
      <Link to="/users">进入用户管理</Link>
    </Flex>
  );
}

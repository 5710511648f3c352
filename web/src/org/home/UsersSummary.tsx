// 账号概况 (county admin): accounts in all, disabled ones, and accounts by role.
import { Link } from 'react-router-dom';
import { Flex, Skeleton, Tag, Typography } from 'antd';
import { ROLE_LABELS, ROLES } from '@sifasuo/domain';
import { call } from '../../kit/api';
import Figures from '../../kit/Figures';
import { useLoad } from '../../kit/useLoad';

export default function UsersSummary() {
  const summary = useLoad(() => call('GET /api/org/user-summary'), []);
  if (summary.errorMessage) return <Typography.Text type="danger">{summary.errorMessage}</Typography.Text>;
  if (!summary.data) return <Skeleton active paragraph={{ rows: 3 }} />;
  const s = summary.data;
  return (
    <Flex vertical gap={12} data-testid="users-summary">
      <Figures
        items={[
          { label: '账号总数', value: s.total, unit: '个', testId: 'users-total' },
          { label: '已启用', value: s.enabled, unit: '个' },
          { label: '已停用', value: s.disabled, unit: '个', tone: s.disabled ? 'warning' : undefined, testId: 'users-disabled' },
        ]}
      />
      <Flex wrap gap={4} data-testid="users-by-role">
        {ROLES.filter((r) => s.byRole[r]).map((r) => (
          <Tag key={r}>{`${ROLE_LABELS[r]} ${s.byRole[r]}`}</Tag>
        ))}
      </Flex>
      <Link to="/users">进入用户管理</Link>
    </Flex>
  );
}

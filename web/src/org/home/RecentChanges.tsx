// 最近变更 (county admin): the accounts and offices changed last — the admin's own view of what changed;
// the audit log itself is the auditor's (三员分立).
import { Link } from 'react-router-dom';
import { Flex, List, Skeleton, Tag, Typography } from 'antd';
import { RECENT_CHANGE_KIND_LABELS, shanghaiDateTime, type RecentChange } from '@sifasuo/domain';
import { call } from '../../kit/api';
import { useLoad } from '../../kit/useLoad';

const pathOf = (c: RecentChange) => (c.kind === 'office' ? `/offices/${encodeURIComponent(c.id)}` : '/users');

export default function RecentChanges() {
  const changes = useLoad(() => call('GET /api/org/recent-changes', { query: { limit: 6 } }), []);
  if (changes.errorMessage) return <Typography.Text type="danger">{changes.errorMessage}</Typography.Text>;
  if (!changes.data) return <Skeleton active paragraph={{ rows: 4 }} />;
  return (
    <List
      size="small"
      data-testid="recent-changes"
      locale={{ emptyText: '暂无变更' }}
      dataSource={changes.data.items}
      renderItem={(c) => (
        <List.Item key={`${c.kind}-${c.id}`}>
          <Flex vertical gap={2} style={{ width: '100%', minWidth: 0 }}>
            <Flex gap={6} align="center" wrap>
              <Tag>{RECENT_CHANGE_KIND_LABELS[c.kind]}</Tag>
              <Link to={pathOf(c)}>{c.name}</Link>
              <Typography.Text type="secondary">{c.kind === 'user' ? c.id : `编号 ${c.id}`}</Typography.Text>
            </Flex>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {`${c.version === 1 ? '创建' : `第 ${c.version - 1} 次修改`}于 ${shanghaiDateTime(c.updatedAt)}`}
            </Typography.Text>
          </Flex>
        </List.Item>
      )}
    />
  );
}

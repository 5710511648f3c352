// 交办任务: the office's open tasks (overdue ones first, in red); for the bureau, every overdue one.
import { Link } from 'react-router-dom';
import { Flex, Skeleton, Typography } from 'antd';
import { TASK_STATE_LABELS } from '@sifasuo/domain';
import { CARD_ITEMS, useSummary } from './summary';
import Figures, { TONES } from '../../kit/Figures';
import { useScopeOffices } from '../../kit/offices';

export default function TasksCard() {
  const s = useSummary();
  const { name } = useScopeOffices();
  if (s.errorMessage) return <Typography.Text type="danger">{s.errorMessage}</Typography.Text>;
  if (!s.data) return <Skeleton active paragraph={{ rows: 3 }} />;
  const tasks = [...s.data.tasks].sort((a, b) => Number(b.state === 'overdue') - Number(a.state === 'overdue') || a.dueOn.localeCompare(b.dueOn));
  const overdue = tasks.filter((t) => t.state === 'overdue').length;
  return (
    <Flex vertical gap={12} data-testid="registers-tasks">
      <Figures
        items={[
          { label: '未完成', value: tasks.length, unit: '项', testId: 'tasks-open' },
          { label: '已逾期', value: overdue, unit: '项', tone: overdue ? 'danger' : undefined, testId: 'tasks-overdue' },
        ]}
      />
      {tasks.length > 0 && (
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {tasks.slice(0, CARD_ITEMS).map((t) => (
            <li key={`${t.taskId}-${t.officeId}`} style={{ color: t.state === 'overdue' ? TONES.danger : undefined }}>
              {name(t.officeId)}：{t.title}（{t.dueOn} 前，{TASK_STATE_LABELS[t.state]}）
            </li>
          ))}
        </ul>
      )}
      <Link to="/office-tasks">查看交办任务</Link>
    </Flex>
  );
}

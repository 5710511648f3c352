// 人民调解待办 (office staff, directors): this month's screenings still to do, open cases, returned submissions.
import { Link } from 'react-router-dom';
import { Flex, Skeleton, Typography } from 'antd';
import { PERIOD_STATE_LABELS } from '@sifasuo/domain';
import { useSummary } from './summary';
import { useScopeOffices } from '../../kit/offices';
import Figures from '../../kit/Figures';

const periodText = (period: string) => (/Q\d$/.test(period) ? `${period.slice(0, 4)}年第${period.slice(-1)}季度集中排查` : `${period.slice(5, 7)}月${period.endsWith('-1') ? '上半月' : '下半月'}排查`);

export default function Todo() {
  const s = useSummary();
  const { name } = useScopeOffices();
  if (s.errorMessage) return <Typography.Text type="danger">{s.errorMessage}</Typography.Text>;
  if (!s.data) return <Skeleton active paragraph={{ rows: 3 }} />;
  const { screeningsDue, openCases, returnedSubmissions } = s.data;
  return (
    <Flex vertical gap={12} data-testid="mediation-todo">
      <Figures
        items={[
          { label: '待完成排查', value: screeningsDue.length, unit: '项', tone: screeningsDue.some((d) => d.state === 'missing') ? 'danger' : undefined, testId: 'todo-screenings' },
          { label: '在办案件', value: openCases, unit: '件', testId: 'todo-open-cases' },
          { label: '被退回的报送', value: returnedSubmissions, unit: '篇', tone: returnedSubmissions ? 'warning' : undefined, testId: 'todo-returned' },
        ]}
      />
      {screeningsDue.length > 0 && (
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {screeningsDue.map((d) => (
            <li key={`${d.officeId}-${d.period}`}>
              {name(d.officeId)} {periodText(d.period)}：{PERIOD_STATE_LABELS[d.state]}
            </li>
          ))}
        </ul>
      )}
      <Flex wrap gap={16}>
        <Link to="/mediation-screening">去排查</Link>
        <Link to="/mediation-cases">查看案件</Link>
        {returnedSubmissions > 0 && <Link to="/mediation-submissions">处理退回</Link>}
      </Flex>
    </Flex>
  );
}

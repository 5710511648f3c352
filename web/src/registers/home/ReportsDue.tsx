// 材料报送提醒 (office staff, directors): what the office still owes this month (and last month's
// missing), and its returned reports to hand in again.
import { Link } from 'react-router-dom';
import { Flex, Skeleton, Typography } from 'antd';
import { REPORT_CELL_LABELS, REPORT_KIND_LABELS } from '@sifasuo/domain';
import { CARD_ITEMS, useSummary } from './summary';
import { dueDay, periodLabel } from '../shared';
import Figures, { TONES } from '../../kit/Figures';

export default function ReportsDue() {
  const s = useSummary();
  if (s.errorMessage) return <Typography.Text type="danger">{s.errorMessage}</Typography.Text>;
  if (!s.data) return <Skeleton active paragraph={{ rows: 3 }} />;
  const { reportsDue, returnedReports } = s.data;
  const missing = reportsDue.filter((r) => r.state === 'missing').length;
  return (
    <Flex vertical gap={12} data-testid="registers-reports-due">
      <Figures
        items={[
          { label: '待报送', value: reportsDue.length, unit: '项', tone: missing ? 'danger' : undefined, testId: 'reports-due-count' },
          { label: '被退回', value: returnedReports.length, unit: '份', tone: returnedReports.length ? 'warning' : undefined, testId: 'reports-returned-count' },
        ]}
      />
      {reportsDue.length > 0 && (
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {reportsDue.slice(0, CARD_ITEMS).map((r) => (
            <li key={`${r.officeId}-${r.kind}-${r.period}`} style={{ color: r.state === 'missing' ? TONES.danger : undefined }}>
              {periodLabel(r.period)}{REPORT_KIND_LABELS[r.kind]}：{REPORT_CELL_LABELS[r.state]}（{dueDay(r.dueAt)} 截止）
            </li>
          ))}
        </ul>
      )}
      {returnedReports.length > 0 && (
        <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="reports-returned">
          {returnedReports.slice(0, CARD_ITEMS).map((r) => (
            <li key={r.id}>
              被退回：{r.title}
              {r.returnComment && <Typography.Text type="secondary">（{r.returnComment}）</Typography.Text>}
            </li>
          ))}
        </ul>
      )}
      <Link to="/office-reports">去报送</Link>
    </Flex>
  );
}

// 信访超期未答复: petitions in scope past their reply (or finish) date and not answered (finished), each
// one click from its entry.
import { Link } from 'react-router-dom';
import { Flex, Skeleton, Typography } from 'antd';
import { shanghaiDateTime } from '@sifasuo/domain';
import { CARD_ITEMS, INLINE_LINK, useSummary } from './summary';
import Figures from '../../kit/Figures';
import { useScopeOffices } from '../../kit/offices';

export default function PetitionsOverdue() {
  const s = useSummary();
  const { name } = useScopeOffices();
  if (s.errorMessage) return <Typography.Text type="danger">{s.errorMessage}</Typography.Text>;
  if (!s.data) return <Skeleton active paragraph={{ rows: 2 }} />;
  const late = s.data.petitionsOverdue;
  return (
    <Flex vertical gap={8} data-testid="registers-petitions-overdue">
      <Figures items={[{ label: '超过答复或办结期限', value: late.length, unit: '件', tone: late.length ? 'danger' : undefined, testId: 'petitions-overdue-count' }]} />
      {late.length > 0 && (
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {late.slice(0, CARD_ITEMS).map((p) => (
            <li key={p.entryId}>
              <Link style={INLINE_LINK} to={`/registers/petitions/${encodeURIComponent(p.entryId)}`}>
                {name(p.officeId)} {shanghaiDateTime(p.receivedAt).slice(0, 10)} 来信来访
              </Link>
              <Typography.Text type="secondary">（{p.reason === 'reply' ? `应于 ${p.replyDueOn} 前答复` : `应于 ${p.finishDueOn} 前办结`}）</Typography.Text>
            </li>
          ))}
        </ul>
      )}
      <Link to="/registers/petitions">查看来信来访登记簿</Link>
    </Flex>
  );
}

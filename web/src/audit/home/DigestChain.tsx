// 审计摘要链 (auditor): the last seven days' digests, each re-verified by the server against the records
// and the chain — verified, not matching (tampering), or missing (the daily job did not run).
import { Flex, Skeleton, Tag, Typography } from 'antd';
import { DIGEST_DAY_STATE_LABELS, digestChainState, digestCheckRange, DIGEST_CHECK_DAYS, type DigestDayState } from '@sifasuo/domain';
import { call } from '../../kit/api';
import Figures, { TONES } from '../../kit/Figures';
import { useLoad } from '../../kit/useLoad';

const STATE_COLOURS: Record<DigestDayState, string> = { verified: TONES.good, broken: TONES.danger, missing: TONES.warning };

export default function DigestChain() {
  const range = digestCheckRange(new Date());
  const digests = useLoad(() => call('GET /api/audit/digests', { query: range }), [range.from, range.to]);
  if (digests.errorMessage) return <Typography.Text type="danger">{digests.errorMessage}</Typography.Text>;
  if (!digests.data) return <Skeleton active paragraph={{ rows: 3 }} />;
  const state = digestChainState(range, digests.data.items);
  return (
    <Flex vertical gap={12} data-testid="digest-chain">
      <Typography.Text type="secondary">{`最近 ${DIGEST_CHECK_DAYS} 天（${range.from} 至 ${range.to}）`}</Typography.Text>
      <Figures
        items={[
          { label: '核验通过', value: state.verified, unit: '天', testId: 'digest-verified' },
          { label: '核验不符', value: state.broken, unit: '天', tone: state.broken ? 'danger' : undefined, testId: 'digest-broken' },
          { label: '缺少摘要', value: state.missing, unit: '天', tone: state.missing ? 'warning' : undefined, testId: 'digest-missing' },
        ]}
      />
      <Flex wrap gap={4}>
        {state.days.map((d) => (
          <Tag key={d.day} color={STATE_COLOURS[d.state]} title={DIGEST_DAY_STATE_LABELS[d.state]}>
            {`${d.day.slice(5)} ${DIGEST_DAY_STATE_LABELS[d.state]}`}
          </Tag>
        ))}
      </Flex>
      {state.broken > 0 && (
        <Typography.Text style={{ color: TONES.danger }}>存在核验不符的日期：审计记录可能被改动，请在审计日志中核查。</Typography.Text>
      )}
    </Flex>
  );
}

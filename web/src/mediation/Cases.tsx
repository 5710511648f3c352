// 调解案件: the cases in the user's scope with filters (status, dispute type, month received, office), and
// 新增案件 for the offices whose records the user keeps — also opened from a screened dispute
// (`?fromDispute=<id>&disputeMonth=<YYYY-MM>`, the screening page's 转为调解案件), pre-filled from it.
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Button, Flex, Select, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { CASE_STATUSES, CASE_STATUS_LABELS, readScope, type CaseStatus, type MediationCase } from '@sifasuo/domain';
import { mediationApi } from './api';
import NewCase from './NewCase';
import { writableOffices } from './permissions';
import { MonthSelect, thisMonth, useDictionary } from './shared';
import { ScopeOfficeFilter, useScopeOffices } from '../kit/offices';
import { useMe } from '../kit/guards';
import { Page } from '../kit/page';
import { ResponsiveTable, type ResponsiveColumn } from '../kit/ResponsiveTable';
import { Forbidden, LoadFailed } from '../kit/results';
import { useLoad } from '../kit/useLoad';

export const CASE_STATUS_COLOURS: Record<CaseStatus, string> = { registered: 'blue', mediating: 'geekblue', closed: 'green', reviewed: 'cyan', withdrawn: 'default' };
export const CaseStatusTag = ({ status, testId = 'case-status' }: { status: CaseStatus; testId?: string }) => (
  <Tag color={CASE_STATUS_COLOURS[status]} data-testid={testId}>
    {CASE_STATUS_LABELS[status]}
  </Tag>
);

interface Filters {
  status?: CaseStatus;
  disputeType?: string;
  month?: string;
  officeId?: string;
}

export default function Cases() {
  const me = useMe();
  const { offices, name } = useScopeOffices();
  const types = useDictionary('dispute-types');
  const [params, setParams] = useSearchParams();
  // The homes' cards link to a status (已结案 awaiting review or online entry).
  const [filters, setFilters] = useState<Filters>(() => {
    const status = params.get('status') as CaseStatus | null;
    if (status && CASE_STATUSES.includes(status)) return { status };
    // A county's or an area's cases are thousands a year: theirs start with this month's.
    return readScope(me).kind === 'office' ? {} : { month: thisMonth() };
  });
  const [adding, setAdding] = useState(false);
  const navigate = useNavigate();
  const cases = useLoad(() => mediationApi.cases(filters), [filters.status, filters.disputeType, filters.month, filters.officeId]);
  const own = useMemo(() => writableOffices(me, offices), [me, offices]);
  const fromDisputeId = params.get('fromDispute');
  const disputeMonth = params.get('disputeMonth');
  const fromDisputes = useLoad(
    () => (fromDisputeId && disputeMonth ? mediationApi.disputes({ month: disputeMonth }) : Promise.resolve([])),
    [fromDisputeId, disputeMonth],
  );
  // Only a dispute still open and not yet a case, of an office whose records the user keeps, becomes one.
  const fromDispute = fromDisputes.data?.find((d) => d.id === fromDisputeId && d.status === 'open' && !d.caseId && own.some((o) => o.id === d.officeId));
  const closeNewCase = () => {
    setAdding(false);
    if (fromDisputeId) setParams({}, { replace: true });
  };
  if (cases.errorStatus === 403) return <Forbidden message={cases.errorMessage} />;
  if (cases.errorStatus !== undefined) return <LoadFailed message={cases.errorMessage ?? ''} retry={cases.reload} />;

  const set = (patch: Filters) => setFilters((f) => ({ ...f, ...patch }));
  const columns: ResponsiveColumn<MediationCase>[] = [
    {
      title: '卷号',
      dataIndex: 'caseNo',
      cardTitle: true,
      render: (no: string, c) => (
        <Link to={`/mediation-cases/${encodeURIComponent(c.id)}`} data-testid="case-link">
          {no}
        </Link>
      ),
    },
    { title: '司法所', dataIndex: 'officeId', render: (id: string) => name(id) },
    { title: '受理日期', dataIndex: 'receivedOn' },
    { title: '纠纷类型', dataIndex: 'disputeType', render: (code: string) => types.label(code) },
    { title: '当事人', key: 'parties', render: (_: unknown, c) => c.parties.map((p) => p.name).join('、') },
    { title: '状态', dataIndex: 'status', render: (s: CaseStatus) => <CaseStatusTag status={s} /> },
  ];
  return (
    <Page
      title="调解案件"
      extra={
        own.length > 0 && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="case-new">
            新增案件
          </Button>
        )
      }
    >
      <Flex wrap gap={8} style={{ marginBottom: 12 }} data-testid="case-filters">
        <Select
          aria-label="案件状态"
          placeholder="全部状态"
          allowClear
          style={{ width: 140 }}
          value={filters.status}
          onChange={(status?: CaseStatus) => set({ status })}
          options={CASE_STATUSES.map((s) => ({ value: s, label: CASE_STATUS_LABELS[s] }))}
          data-testid="case-filter-status"
        />
        <Select
          aria-label="纠纷类型"
          placeholder="全部纠纷类型"
          allowClear
          style={{ width: 180 }}
          value={filters.disputeType}
          onChange={(disputeType?: string) => set({ disputeType })}
          options={types.options}
          data-testid="case-filter-type"
        />
        <MonthSelect allowClear value={filters.month} onChange={(month) => set({ month })} testId="case-filter-month" />
        <ScopeOfficeFilter offices={offices} value={filters.officeId} onChange={(officeId) => set({ officeId })} testId="case-filter-office" />
      </Flex>
      <ResponsiveTable<MediationCase>
        rowKey="id"
        size="small"
        loading={cases.loading}
        dataSource={cases.data}
        columns={columns}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="case-table"
      />
      <NewCase open={adding || !!fromDispute} offices={own} from={fromDispute} onClose={closeNewCase} onSaved={(c) => navigate(`/mediation-cases/${encodeURIComponent(c.id)}`)} />
    </Page>
  );
}

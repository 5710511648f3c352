// 年终绩效经费: the year's composite (monthly averages, on-site score, bonus) and the funding drawn from
// it — a pool shared by weight (the total is the pool, to the fen) or a price per point by office
// class — with the threshold and the top N (优秀). The form takes yuan and sends fen; the draft table
// shows every office's amount in yuan with two decimals; the leader approves; Excel for the finance office.
import { useEffect, useRef, useState } from 'react';
import { App, Button, type ButtonProps, Flex, Form, InputNumber, Input, Modal, Radio, Select, Skeleton, Tag, Typography } from 'antd';
import { fundingInput, OFFICE_CLASS_LABELS, type FundingAllocation, type FundingItem, type FundingMode } from '@sifasuo/domain';
import { assessmentApi } from './api';
import { canApproveAssessment } from './permissions';
import { pts, thisYear, when, YearPicker, yuan } from './shared';
import DownloadButton from '../kit/DownloadButton';
import { checkWith, useReportError, useSave } from '../kit/errors';
import { useMe } from '../kit/guards';
import { useScopeOffices } from '../kit/offices';
import { Page } from '../kit/page';
import { ResponsiveTable, type ResponsiveColumn } from '../kit/ResponsiveTable';
import { Forbidden, LoadFailed } from '../kit/results';
import { useLoad } from '../kit/useLoad';

interface FormValues { mode: FundingMode; poolYuan?: number; unitCentral?: number; unitRegular?: number; threshold?: number; excellent?: number; note?: string }
type Annual = Record<string, { onSite?: number; bonus?: number }>;
const ALIASES = { poolFen: 'poolYuan', unitFen: 'unitCentral', 'unitFen.central': 'unitCentral', 'unitFen.regular': 'unitRegular' };
const toFen = (y?: number) => (y === undefined || y === null ? undefined : Math.round(y * 100));
const STATUS_LABELS: Record<FundingAllocation['status'], string> = { draft: '草案', approved: '已审批', superseded: '已作废' };

function AllocationTable({ allocation }: { allocation: FundingAllocation }) {
  const columns: ResponsiveColumn<FundingItem>[] = [
    { title: '名次', dataIndex: 'rank', width: 64 },
    { title: '司法所', dataIndex: 'officeName', cardTitle: true },
    { title: '所别', dataIndex: 'officeClass', render: (c: FundingItem['officeClass']) => OFFICE_CLASS_LABELS[c] },
    { title: '上半年', dataIndex: 'firstHalf', render: pts },
    { title: '下半年', dataIndex: 'secondHalf', render: pts },
    { title: '现场考核', dataIndex: 'onSite', render: pts },
    { title: '加分', dataIndex: 'bonus', render: pts },
    { title: '综合得分', dataIndex: 'composite', render: (c: number) => <strong>{pts(c)}</strong> },
    {
      title: '结果', key: 'result',
      render: (_: unknown, i) => (
        <Flex wrap gap={4}>
          {i.excellent && <Tag color="green" style={{ marginInlineEnd: 0 }}>优秀</Tag>}
          {!i.eligible && <Tag color="red" style={{ marginInlineEnd: 0 }}>未达门槛</Tag>}
          {!i.awardEligible && <Tag color="orange" style={{ marginInlineEnd: 0 }}>取消评先资格</Tag>}
        </Flex>
      ),
    },
    { title: '金额（元）', dataIndex: 'amountFen', render: (f: number) => <span data-testid="funding-amount">{yuan(f)}</span> },
  ];
  return (
    <Flex vertical gap={8}>
      <Typography.Text data-testid="funding-summary">
        合计 <strong data-testid="funding-total">{yuan(allocation.totalFen)}</strong> 元
        {allocation.mode === 'pool' && allocation.poolFen !== undefined && <>，经费总额 <span data-testid="funding-pool">{yuan(allocation.poolFen)}</span> 元</>}
        ；计入月份 {allocation.months.length} 个；门槛 {allocation.threshold} 分，前 {allocation.excellent} 名为优秀
      </Typography.Text>
      <ResponsiveTable<FundingItem> rowKey="officeId" size="small" dataSource={allocation.items} columns={columns} pagination={false} data-testid="funding-table" />
    </Flex>
  );
}

export default function Funding() {
  const me = useMe();
  const report = useReportError();
  const { message } = App.useApp();
  const [year, setYear] = useState(thisYear());
  const [form] = Form.useForm<FormValues>();
  const { busy, save } = useSave(form);
  const mode = Form.useWatch('mode', form) ?? 'pool';
  const { offices, loading: officesLoading } = useScopeOffices();
  const [annual, setAnnual] = useState<Annual>({});
  const [shownId, setShownId] = useState<string>();
  const [approving, setApproving] = useState(false);
  const [comment, setComment] = useState('');
  // Tagged with its year: an answer still shown while another year's loads is not that year's.
  const list = useLoad(() => assessmentApi.fundings(year).then((items) => ({ year, items })), [year]);
  const loaded = list.data?.year === year;
  const allocations = [...(loaded ? list.data!.items : [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const shown = allocations.find((a) => a.id === shownId) ?? allocations[0];
  // The form starts from the latest allocation's parameters, when there is one: once per year, as the
  // list first arrives (a later reload never overwrites what is being typed).
  const initialisedFor = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (!loaded || initialisedFor.current === year) return;
    initialisedFor.current = year;
    const a = allocations[0];
    form.setFieldsValue({
      mode: a?.mode ?? 'pool', poolYuan: a?.poolFen !== undefined ? a.poolFen / 100 : undefined,
      unitCentral: a?.unitFen ? a.unitFen.central / 100 : undefined, unitRegular: a?.unitFen ? a.unitFen.regular / 100 : undefined,
      threshold: a?.threshold ?? 60, excellent: a?.excellent ?? 6,
    });
    setAnnual(Object.fromEntries((a?.items ?? []).map((i) => [i.officeId, { onSite: i.onSite, bonus: i.bonus }])));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded, list.data, year]);

  if (list.errorStatus === 403) return <Forbidden message={list.errorMessage} />;
  if (list.errorStatus !== undefined) return <LoadFailed message={list.errorMessage ?? ''} retry={list.reload} />;

  const setOffice = (officeId: string, key: 'onSite' | 'bonus', value: number | null) =>
    setAnnual((a) => ({ ...a, [officeId]: { ...a[officeId], [key]: value ?? undefined } }));
  const draft = async () => {
    const v = form.getFieldsValue();
    const body = {
      year, mode: v.mode,
      ...(v.mode === 'pool' ? { poolFen: toFen(v.poolYuan) } : { unitFen: { central: toFen(v.unitCentral), regular: toFen(v.unitRegular) } }),
      threshold: v.threshold ?? 60, excellent: v.excellent ?? 6,
      annual: Object.fromEntries(offices.map((o) => [o.id, { onSite: annual[o.id]?.onSite ?? 0, bonus: annual[o.id]?.bonus ?? 0 }])),
      ...(v.note?.trim() ? { note: v.note.trim() } : {}),
    };
    if (checkWith(form, fundingInput, body, ALIASES))
      await save(() => assessmentApi.draftFunding(body), { done: '已生成分配草案', aliases: ALIASES, then: (a) => { setShownId(a.id); list.reload(); } });
  };
  const approve = async () => {
    if (!shown) return;
    try {
      await assessmentApi.approveFunding(shown.id, comment.trim() ? { comment: comment.trim() } : {});
      message.success('已审批');
      setApproving(false);
      list.reload();
    } catch (e) {
      report(e, { reload: list.reload });
    }
  };

  return (
    <Page title="年终绩效经费" extra={<YearPicker value={year} onChange={(y) => { setYear(y); setShownId(undefined); }} testId="funding-year" />}>
      <Flex vertical gap={16}>
        {allocations.length > 0 && shown && (
          <>
            <Flex wrap gap={8} align="center">
              <Select
                aria-label="分配方案"
                style={{ width: 260 }}
                value={shown.id}
                onChange={(id: string) => setShownId(id)}
                options={allocations.map((a) => ({ value: a.id, label: `${when(a.createdAt)}（${STATUS_LABELS[a.status]}）` }))}
                data-testid="funding-version"
              />
              <Tag color={shown.status === 'approved' ? 'green' : shown.status === 'draft' ? 'gold' : 'default'} data-testid="funding-status">{STATUS_LABELS[shown.status]}</Tag>
              <DownloadButton fetch={() => assessmentApi.fundingXlsx(shown.id)} testId="funding-export">导出 Excel</DownloadButton>
              {canApproveAssessment(me) && shown.status === 'draft' && (
                <Button onClick={() => setApproving(true)} data-testid="funding-approve">审批</Button>
              )}
            </Flex>
            <AllocationTable allocation={shown} />
          </>
        )}
        {(!loaded || officesLoading) && <Skeleton active />}
        {/* The form once the year's allocations and the offices are in (it starts from them). */}
        {loaded && !officesLoading && (<>
        <Typography.Title level={5} style={{ margin: 0 }}>{allocations.length ? '重新生成分配草案' : '生成分配草案'}</Typography.Title>
        <Form form={form} layout="vertical" name="funding" autoComplete="off" style={{ maxWidth: 720 }}>
          <Form.Item name="mode" label="分配方式" initialValue="pool">
            <Radio.Group data-testid="funding-mode" options={[{ value: 'pool', label: '按经费总额分配' }, { value: 'unit', label: '按每分单价分配' }]} />
          </Form.Item>
          {mode === 'pool' ? (
            <Form.Item name="poolYuan" label="经费总额（元）" required>
              <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid="funding-pool-input" />
            </Form.Item>
          ) : (
            <Flex wrap gap={16}>
              <Form.Item name="unitCentral" label="片区中心所每分单价（元）" required>
                <InputNumber min={0} precision={2} style={{ width: 200 }} data-testid="funding-unit-central" />
              </Form.Item>
              <Form.Item name="unitRegular" label="一般所每分单价（元）" required>
                <InputNumber min={0} precision={2} style={{ width: 200 }} data-testid="funding-unit-regular" />
              </Form.Item>
            </Flex>
          )}
          <Flex wrap gap={16}>
            <Form.Item name="threshold" label="门槛分">
              <InputNumber min={0} max={110} style={{ width: 140 }} data-testid="funding-threshold" />
            </Form.Item>
            <Form.Item name="excellent" label="优秀名额（前N名）">
              <InputNumber min={0} max={100} precision={0} style={{ width: 140 }} data-testid="funding-excellent" />
            </Form.Item>
          </Flex>
          <Form.Item name="note" label="说明">
            <Input maxLength={200} data-testid="funding-note" />
          </Form.Item>
        </Form>
        <Typography.Title level={5} style={{ margin: 0 }}>年度现场考核与加分</Typography.Title>
        <ResponsiveTable
          rowKey="id" size="small" pagination={false} dataSource={offices} data-testid="funding-annual"
          columns={[
            { title: '司法所', dataIndex: 'name', cardTitle: true },
            { title: '现场考核分', key: 'onSite', render: (_: unknown, o) => <InputNumber aria-label={`${o.name}现场考核分`} min={0} max={100} value={annual[o.id]?.onSite} onChange={(v) => setOffice(o.id, 'onSite', v)} data-testid="funding-onsite" /> },
            { title: '年度加分', key: 'bonus', render: (_: unknown, o) => <InputNumber aria-label={`${o.name}年度加分`} min={0} max={20} value={annual[o.id]?.bonus} onChange={(v) => setOffice(o.id, 'bonus', v)} data-testid="funding-bonus" /> },
          ]}
        />
        <Flex wrap gap={8}>
          <Button type="primary" onClick={draft} loading={busy} data-testid="funding-draft">生成分配草案</Button>
        </Flex>
        </>)}
      </Flex>
      <Modal title="审批绩效经费分配" open={approving} onOk={approve} onCancel={() => setApproving(false)} okText="审批" okButtonProps={{ 'data-testid': 'funding-approve-submit' } as ButtonProps}>
        <Input.TextArea aria-label="审批意见" placeholder="审批意见（选填）" rows={3} maxLength={200} value={comment} onChange={(e) => setComment(e.target.value)} />
      </Modal>
    </Page>
  );
}

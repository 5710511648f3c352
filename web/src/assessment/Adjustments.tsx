// 扣分与加分: a month's deductions and bonuses by office; an assessor adds one — a deduction only in
// the sections their department scores (deductibleSections), a bonus (X) from the rubric's presets —
// and withdraws one with a reason.
import { useLayoutEffect, useState } from 'react';
import { Button, type ButtonProps, Flex, Form, Input, InputNumber, Modal, Select, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { adjustmentInput, BONUS_ITEM, deductibleSections, withdrawAdjustmentInput, type Adjustment, type Rubric } from '@sifasuo/domain';
import { assessmentApi } from './api';
import { canAssess } from './permissions';
import { lastMonth, monthLabel, MonthPicker, pts, when } from './shared';
import { checkWith, dropEmpty, requiredBy, useSave } from '../kit/errors';
import { useMe } from '../kit/guards';
import { officeSelectOptions, ScopeOfficeFilter, useScopeOffices } from '../kit/offices';
import { Page } from '../kit/page';
import { ResponsiveTable, type ResponsiveColumn } from '../kit/ResponsiveTable';
import { Forbidden, LoadFailed } from '../kit/results';
import { useLoad } from '../kit/useLoad';
import type { Office } from '@sifasuo/domain';

const required = requiredBy(adjustmentInput);

interface AddValues { officeId?: string; item?: string; preset?: string; points?: number; reason?: string; evidence?: string }

function AddDialog({ open, month, rubric, offices, onClose, onSaved }: { open: boolean; month: string; rubric?: Rubric; offices: readonly Office[]; onClose: () => void; onSaved: () => void }) {
  const me = useMe();
  const [form] = Form.useForm<AddValues>();
  const { busy, save } = useSave(form);
  const item = Form.useWatch('item', form);
  useLayoutEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  const sections = rubric ? deductibleSections(me, rubric.sections) : [];
  const itemOptions = [
    ...(rubric?.items ?? []).filter((i) => sections.includes(i.section)).map((i) => ({ value: i.id, label: `扣分：${i.id} ${i.name}` })),
    { value: BONUS_ITEM, label: '加分：X 加分项' },
  ];
  const presets = rubric?.bonus.presets ?? [];
  const submit = async () => {
    const v = form.getFieldsValue();
    const body = dropEmpty({ month, officeId: v.officeId, item: v.item, points: v.points, reason: v.reason?.trim(), evidence: v.evidence?.trim(), preset: v.item === BONUS_ITEM ? v.preset : undefined });
    if (checkWith(form, adjustmentInput, body)) await save(() => assessmentApi.addAdjustment(body), { done: '已录入', then: onSaved });
  };
  return (
    <Modal title={`录入扣分/加分（${monthLabel(month)}）`} open={open} onOk={submit} onCancel={onClose} confirmLoading={busy} okText="录入" okButtonProps={{ 'data-testid': 'adjustment-submit' } as ButtonProps} forceRender>
      <Form form={form} layout="vertical" name="adjustment" autoComplete="off">
        <Form.Item name="officeId" label="司法所" required={required('officeId')}>
          <Select options={officeSelectOptions(offices)} showSearch={{ optionFilterProp: 'label' }} placeholder="请选择" data-testid="adjustment-office" />
        </Form.Item>
        <Form.Item name="item" label="评分项" required={required('item')} extra={sections.length ? `可扣分大项：${sections.join('、')}` : '您所在股室不负责任何大项，只能录入加分'}>
          <Select options={itemOptions} placeholder="请选择" data-testid="adjustment-item" />
        </Form.Item>
        {item === BONUS_ITEM && (
          <Form.Item name="preset" label="加分事由（预设）">
            <Select
              allowClear
              options={presets.map((p) => ({ value: p.id, label: `${p.label}（${pts(p.points)}分）` }))}
              onChange={(id?: string) => {
                const p = presets.find((x) => x.id === id);
                if (p) form.setFieldsValue({ points: p.points, reason: form.getFieldValue('reason') || p.label });
              }}
              data-testid="adjustment-preset"
            />
          </Form.Item>
        )}
        <Form.Item name="points" label="分值" required={required('points')} extra="最小单位0.5分">
          <InputNumber min={0.5} max={20} step={0.5} style={{ width: '100%' }} data-testid="adjustment-points" />
        </Form.Item>
        <Form.Item name="reason" label="事由" required={required('reason')}>
          <Input.TextArea rows={2} maxLength={200} data-testid="adjustment-reason" />
        </Form.Item>
        <Form.Item name="evidence" label="依据" required={required('evidence')}>
          <Input.TextArea rows={2} maxLength={200} data-testid="adjustment-evidence" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function WithdrawDialog({ adjustment, onClose, onDone }: { adjustment?: Adjustment; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ reason?: string }>();
  const { busy, save } = useSave(form);
  useLayoutEffect(() => {
    if (adjustment) form.resetFields();
  }, [adjustment, form]);
  const submit = async () => {
    if (!adjustment) return;
    const body = dropEmpty({ reason: form.getFieldValue('reason')?.trim() });
    if (checkWith(form, withdrawAdjustmentInput, body)) await save(() => assessmentApi.withdrawAdjustment(adjustment.id, body), { done: '已撤销', then: onDone, reload: onDone });
  };
  return (
    <Modal title="撤销扣分/加分" open={!!adjustment} onOk={submit} onCancel={onClose} confirmLoading={busy} okText="撤销" okButtonProps={{ danger: true, 'data-testid': 'adjustment-withdraw-submit' } as ButtonProps} forceRender>
      <Form form={form} layout="vertical" name="adjustment-withdraw" autoComplete="off">
        <Form.Item name="reason" label="撤销原因" required>
          <Input.TextArea rows={3} maxLength={200} data-testid="adjustment-withdraw-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function Adjustments() {
  const me = useMe();
  const [month, setMonth] = useState(lastMonth());
  const [officeId, setOfficeId] = useState<string>();
  const [adding, setAdding] = useState(false);
  const [withdrawing, setWithdrawing] = useState<Adjustment>();
  const { offices, name } = useScopeOffices();
  const list = useLoad(() => assessmentApi.adjustments({ month, officeId }), [month, officeId]);
  const rubric = useLoad(() => assessmentApi.rubric(Number(month.slice(0, 4))), [month.slice(0, 4)]);
  if (list.errorStatus === 403) return <Forbidden message={list.errorMessage} />;
  if (list.errorStatus !== undefined) return <LoadFailed message={list.errorMessage ?? ''} retry={list.reload} />;
  const columns: ResponsiveColumn<Adjustment>[] = [
    { title: '司法所', dataIndex: 'officeId', cardTitle: true, render: (id: string) => name(id) },
    { title: '类别', dataIndex: 'kind', render: (k: Adjustment['kind'], a) => <Tag color={k === 'bonus' ? 'green' : 'red'}>{k === 'bonus' ? '加分' : `扣分 ${a.item}`}</Tag> },
    { title: '分值', dataIndex: 'points', render: (p: number, a) => `${a.kind === 'bonus' ? '+' : '−'}${pts(p)}` },
    { title: '事由', dataIndex: 'reason' },
    { title: '依据', dataIndex: 'evidence' },
    { title: '录入', key: 'by', render: (_: unknown, a) => `${a.byName} ${when(a.at)}` },
    {
      title: '状态', dataIndex: 'status',
      render: (s: Adjustment['status'], a) => (s === 'active' ? '有效' : <span>已撤销（{a.withdrawReason}）</span>),
    },
    {
      title: '操作', key: 'actions',
      render: (_: unknown, a) =>
        a.status === 'active' && canAssess(me) ? (
          <Button size="small" danger onClick={() => setWithdrawing(a)} data-testid="adjustment-withdraw">撤销</Button>
        ) : null,
    },
  ];
  return (
    <Page
      title="扣分与加分"
      extra={canAssess(me) && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="adjustment-add">录入</Button>
      )}
    >
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <MonthPicker value={month} onChange={setMonth} testId="adjustment-month" />
        <ScopeOfficeFilter offices={offices} value={officeId} onChange={setOfficeId} testId="adjustment-filter-office" />
      </Flex>
      {rubric.errorMessage && <Typography.Text type="danger">{rubric.errorMessage}</Typography.Text>}
      <ResponsiveTable<Adjustment> rowKey="id" size="small" loading={list.loading} dataSource={list.data} columns={columns} pagination={{ pageSize: 20, hideOnSinglePage: true }} data-testid="adjustment-table" />
      <AddDialog
        open={adding}
        month={month}
        rubric={rubric.data?.current}
        offices={offices}
        onClose={() => setAdding(false)}
        onSaved={() => {
          setAdding(false);
          list.reload();
        }}
      />
      <WithdrawDialog
        adjustment={withdrawing}
        onClose={() => setWithdrawing(undefined)}
        onDone={() => {
          setWithdrawing(undefined);
          list.reload();
        }}
      />
    </Page>
  );
}

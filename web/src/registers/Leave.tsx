// 请销假: the user's own requests with 请假 (to the director), 撤回 while undecided and 销假 on return;
// 待我审批 for the directors (the requests they may decide, 批准 / 不批准 with a comment); 缺勤登记, absences
// without approved leave recorded by the area director or the bureau (a fact), listed by month, 撤销.
import { useLayoutEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, type ButtonProps, DatePicker, Flex, Form, Input, Modal, Radio, Select, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  absenceInput,
  canDecideLeave,
  canRecordAbsence,
  LEAVE_KINDS,
  LEAVE_KIND_LABELS,
  LEAVE_STATUS_LABELS,
  leaveCancelInput,
  leaveDecisionInput,
  leaveRequestInput,
  shanghaiDateTime,
  withdrawRecordInput,
  type Absence,
  type LeaveRequest,
  type LeaveStatus,
  type Office,
} from '@sifasuo/domain';
import { registersApi } from './api';
import { decidesLeave, keepsOffice, recordsAbsences } from './permissions';
import { dayOf, HALF, monthLabel, PAIR, thisMonth, today } from './shared';
import { checkWith, dropEmpty, requiredBy, useSave } from '../kit/errors';
import { useMe } from '../kit/guards';
import { ownOfficeId } from '../kit/permissions';
import { officeSelectOptions, ScopeOfficeFilter, useScopeOffices } from '../kit/offices';
import { Page } from '../kit/page';
import { ResponsiveTable, type ResponsiveColumn } from '../kit/ResponsiveTable';
import { Forbidden, LoadFailed } from '../kit/results';
import { useLoad } from '../kit/useLoad';

const LEAVE_STATUS_COLOURS: Record<LeaveStatus, string> = { requested: 'blue', approved: 'green', refused: 'red', cancelled: 'default', withdrawn: 'default' };
const LeaveStatusTag = ({ status }: { status: LeaveStatus }) => (
  <Tag color={LEAVE_STATUS_COLOURS[status]} style={{ marginInlineEnd: 0 }} data-testid="leave-status">
    {LEAVE_STATUS_LABELS[status]}
  </Tag>
);

const requestRequired = requiredBy(leaveRequestInput);

/** The last twelve months, newest first. */
const lastMonths = () => {
  const months: string[] = [];
  for (let d = dayjs(`${thisMonth()}-01`); months.length < 12; d = d.subtract(1, 'month')) months.push(d.format('YYYY-MM'));
  return months;
};
const MonthFilter = ({ value, onChange, testId }: { value?: string; onChange: (m?: string) => void; testId: string }) => (
  <Select
    aria-label="月份"
    placeholder="全部月份"
    allowClear
    style={{ width: 140 }}
    value={value}
    onChange={(m?: string) => onChange(m)}
    options={lastMonths().map((m) => ({ value: m, label: monthLabel(m) }))}
    data-testid={testId}
  />
);

function RequestDialog({ open, officeId, onClose, onSaved }: { open: boolean; officeId: string; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<{ kind?: string; range?: [Dayjs, Dayjs]; reason?: string }>();
  const { busy, save } = useSave(form);
  useLayoutEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  const submit = async () => {
    const v = form.getFieldsValue();
    const body = dropEmpty({ officeId, kind: v.kind, from: dayOf(v.range?.[0]), to: dayOf(v.range?.[1]), reason: v.reason?.trim() });
    const aliases = { from: 'range', to: 'range' };
    if (checkWith(form, leaveRequestInput, body, aliases)) await save(() => registersApi.requestLeave(body), { done: '请假申请已提交', then: onSaved, aliases });
  };
  return (
    <Modal title="请假" open={open} onOk={submit} onCancel={onClose} confirmLoading={busy} okText="提交" okButtonProps={{ 'data-testid': 'leave-submit' } as ButtonProps} forceRender>
      <Form form={form} layout="vertical" name="leave-request" autoComplete="off">
        <Form.Item name="kind" label="请假类别" required={requestRequired('kind')}>
          <Select options={LEAVE_KINDS.map((k) => ({ value: k, label: LEAVE_KIND_LABELS[k] }))} placeholder="请选择" data-testid="leave-kind" />
        </Form.Item>
        <Form.Item name="range" label="请假日期" required>
          <DatePicker.RangePicker style={{ width: '100%' }} data-testid="leave-range" />
        </Form.Item>
        <Form.Item name="reason" label="请假事由" required={requestRequired('reason')}>
          <Input.TextArea rows={2} maxLength={200} data-testid="leave-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type LeaveAction = { kind: 'decide' | 'cancel' | 'withdraw'; leave: LeaveRequest };

function LeaveActionDialog({ action, onClose, onDone }: { action?: LeaveAction; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ decision?: 'approve' | 'refuse'; comment?: string; returnedOn?: Dayjs; reason?: string }>();
  const { busy, save } = useSave(form);
  useLayoutEffect(() => {
    if (!action) return;
    form.resetFields();
    if (action.kind === 'decide') form.setFieldsValue({ decision: 'approve' });
    if (action.kind === 'cancel') form.setFieldsValue({ returnedOn: dayjs(today() < action.leave.to ? today() : action.leave.to) });
  }, [action, form]);
  if (!action) return <Modal open={false} />;
  const { leave } = action;
  const submit = async () => {
    const v = form.getFieldsValue();
    const then = () => onDone();
    if (action.kind === 'decide') {
      const body = dropEmpty({ version: leave.version, decision: v.decision, comment: v.comment?.trim() });
      if (checkWith(form, leaveDecisionInput, body)) await save(() => registersApi.decideLeave(leave.id, body), { done: v.decision === 'approve' ? '已批准' : '已不批准', then, reload: then });
    } else if (action.kind === 'cancel') {
      const body = dropEmpty({ version: leave.version, returnedOn: dayOf(v.returnedOn) });
      if (checkWith(form, leaveCancelInput, body)) await save(() => registersApi.cancelLeave(leave.id, body), { done: '已销假', then, reload: then });
    } else {
      const body = dropEmpty({ version: leave.version, reason: v.reason?.trim() });
      if (checkWith(form, withdrawRecordInput, body)) await save(() => registersApi.withdrawLeave(leave.id, body), { done: '已撤回', then, reload: then });
    }
  };
  const titles = { decide: '审批请假', cancel: '销假', withdraw: '撤回请假' };
  return (
    <Modal title={titles[action.kind]} open onOk={submit} onCancel={onClose} confirmLoading={busy} okText="确定" okButtonProps={{ 'data-testid': 'leave-action-submit' } as ButtonProps} forceRender>
      <Typography.Paragraph>
        {leave.name}：{LEAVE_KIND_LABELS[leave.kind]} {leave.from} 至 {leave.to}（{leave.days} 天），{leave.reason}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" name="leave-action" autoComplete="off">
        {action.kind === 'decide' && (
          <>
            <Form.Item name="decision" label="审批结果" required>
              <Radio.Group
                options={[
                  { value: 'approve', label: '批准' },
                  { value: 'refuse', label: '不批准' },
                ]}
                data-testid="leave-decision"
              />
            </Form.Item>
            <Form.Item name="comment" label="审批意见">
              <Input.TextArea rows={2} maxLength={200} data-testid="leave-comment" />
            </Form.Item>
          </>
        )}
        {action.kind === 'cancel' && (
          <Form.Item name="returnedOn" label="销假日期" required extra="返岗的日期：假期内或假期结束后一天">
            <DatePicker style={{ width: '100%' }} data-testid="leave-returnedOn" />
          </Form.Item>
        )}
        {action.kind === 'withdraw' && (
          <Form.Item name="reason" label="撤回原因" required>
            <Input.TextArea rows={2} maxLength={200} data-testid="leave-withdraw-reason" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

function LeaveTable({ items, loading, name, actions, testId, showOffice }: { items?: LeaveRequest[]; loading: boolean; name: (id: string) => string; actions: (l: LeaveRequest) => React.ReactNode; testId: string; showOffice: boolean }) {
  const columns: ResponsiveColumn<LeaveRequest>[] = [
    { title: '请假人', dataIndex: 'name', cardTitle: true },
    ...(showOffice ? [{ title: '司法所', dataIndex: 'officeId', render: (id: string) => name(id) }] : []),
    { title: '类别', dataIndex: 'kind', render: (k: LeaveRequest['kind']) => LEAVE_KIND_LABELS[k] },
    { title: '日期', key: 'dates', render: (_: unknown, l) => `${l.from} 至 ${l.to}（${l.days}天）` },
    { title: '事由', dataIndex: 'reason' },
    { title: '状态', dataIndex: 'status', render: (s: LeaveStatus) => <LeaveStatusTag status={s} /> },
    { title: '审批', key: 'decided', render: (_: unknown, l) => (l.decidedAt ? `${l.decidedByName ?? l.decidedBy ?? ''} ${shanghaiDateTime(l.decidedAt)}${l.comment ? `：${l.comment}` : ''}` : '—') },
    { title: '销假', dataIndex: 'returnedOn', render: (d?: string) => d ?? '—' },
    { title: '操作', key: 'actions', render: (_: unknown, l) => actions(l) },
  ];
  return <ResponsiveTable<LeaveRequest> rowKey="id" size="small" loading={loading} dataSource={items} columns={columns} pagination={{ pageSize: 20, hideOnSinglePage: true }} data-testid={testId} />;
}

function MyLeave({ officeId, setAction }: { officeId: string; setAction: (a: LeaveAction) => void }) {
  const me = useMe();
  const [requesting, setRequesting] = useState(false);
  const list = useLoad(() => registersApi.leave({ officeId }), [officeId]);
  const mine = useMemo(() => (list.data ?? []).filter((l) => l.username === me.username), [list.data, me.username]);
  if (list.errorStatus !== undefined) return <LoadFailed message={list.errorMessage ?? ''} retry={list.reload} />;
  return (
    <>
      <Flex justify="flex-end" style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setRequesting(true)} data-testid="leave-new">
          请假
        </Button>
      </Flex>
      <LeaveTable
        items={mine}
        loading={list.loading}
        name={(id) => id}
        showOffice={false}
        testId="leave-mine"
        actions={(l) => (
          <Flex gap={8} wrap>
            {l.status === 'requested' && (
              <Button size="small" onClick={() => setAction({ kind: 'withdraw', leave: l })} data-testid="leave-withdraw">
                撤回
              </Button>
            )}
            {l.status === 'approved' && !l.returnedOn && (
              <Button size="small" type="primary" onClick={() => setAction({ kind: 'cancel', leave: l })} data-testid="leave-cancel">
                销假
              </Button>
            )}
          </Flex>
        )}
      />
      <RequestDialog
        open={requesting}
        officeId={officeId}
        onClose={() => setRequesting(false)}
        onSaved={() => {
          setRequesting(false);
          list.reload();
        }}
      />
    </>
  );
}

function ToDecide({ name, setAction, tick }: { name: (id: string) => string; setAction: (a: LeaveAction) => void; tick: number }) {
  const me = useMe();
  const list = useLoad(() => registersApi.leave({ toDecide: 'true' }), [tick]);
  if (list.errorStatus !== undefined) return <LoadFailed message={list.errorMessage ?? ''} retry={list.reload} />;
  return (
    <LeaveTable
      items={list.data}
      loading={list.loading}
      name={name}
      showOffice
      testId="leave-to-decide"
      actions={(l) =>
        l.status === 'requested' && canDecideLeave(me, l) ? (
          <Button size="small" type="primary" onClick={() => setAction({ kind: 'decide', leave: l })} data-testid="leave-decide">
            审批
          </Button>
        ) : null
      }
    />
  );
}

function AllLeave({ offices, name, tick }: { offices: readonly Office[]; name: (id: string) => string; tick: number }) {
  const [officeId, setOfficeId] = useState<string>();
  const [month, setMonth] = useState<string | undefined>(thisMonth());
  const list = useLoad(() => registersApi.leave({ officeId, month }), [officeId, month, tick]);
  if (list.errorStatus !== undefined) return <LoadFailed message={list.errorMessage ?? ''} retry={list.reload} />;
  return (
    <>
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <ScopeOfficeFilter offices={offices} value={officeId} onChange={setOfficeId} testId="leave-filter-office" />
        <MonthFilter value={month} onChange={setMonth} testId="leave-filter-month" />
      </Flex>
      <LeaveTable items={list.data} loading={list.loading} name={name} showOffice testId="leave-all" actions={() => null} />
    </>
  );
}

function AbsenceDialog({ open, offices, onClose, onSaved }: { open: boolean; offices: readonly Office[]; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<{ officeId?: string; name?: string; on?: Dayjs; note?: string }>();
  const { busy, save } = useSave(form);
  const required = requiredBy(absenceInput);
  useLayoutEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ officeId: offices.length === 1 ? offices[0]!.id : undefined, on: dayjs() });
  }, [open, form, offices]);
  const submit = async () => {
    const v = form.getFieldsValue();
    const body = dropEmpty({ officeId: v.officeId, name: v.name?.trim(), on: dayOf(v.on), note: v.note?.trim() });
    if (checkWith(form, absenceInput, body)) await save(() => registersApi.recordAbsence(body), { done: '缺勤已登记', then: onSaved });
  };
  return (
    <Modal title="登记无假缺勤" open={open} onOk={submit} onCancel={onClose} confirmLoading={busy} okText="保存" okButtonProps={{ 'data-testid': 'absence-submit' } as ButtonProps} forceRender>
      <Form form={form} layout="vertical" name="absence" autoComplete="off">
        <div style={PAIR}>
          <Form.Item name="officeId" label="司法所" required={required('officeId')} style={HALF}>
            <Select options={officeSelectOptions(offices)} showSearch={{ optionFilterProp: 'label' }} placeholder="请选择" data-testid="absence-office" />
          </Form.Item>
          <Form.Item name="on" label="缺勤日期" required={required('on')} style={HALF}>
            <DatePicker style={{ width: '100%' }} data-testid="absence-on" />
          </Form.Item>
        </div>
        <Form.Item name="name" label="缺勤人员" required={required('name')}>
          <Input maxLength={40} data-testid="absence-name" />
        </Form.Item>
        <Form.Item name="note" label="情况说明" required={required('note')}>
          <Input.TextArea rows={3} maxLength={500} data-testid="absence-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Absences({ offices, name }: { offices: readonly Office[]; name: (id: string) => string }) {
  const me = useMe();
  const [officeId, setOfficeId] = useState<string>();
  const [month, setMonth] = useState<string | undefined>(thisMonth());
  const [recording, setRecording] = useState(false);
  const [withdrawing, setWithdrawing] = useState<Absence>();
  const list = useLoad(() => registersApi.absences({ officeId, month }), [officeId, month]);
  // Keyed by the username: the session's user is read anew on each render, and a new list would reset open forms.
  const recordable = useMemo(() => offices.filter((o) => canRecordAbsence(me, o)), [offices, me.username]);
  const [form] = Form.useForm<{ reason?: string }>();
  const { busy, save } = useSave(form);
  if (list.errorStatus === 403) return <Forbidden message={list.errorMessage} />;
  if (list.errorStatus !== undefined) return <LoadFailed message={list.errorMessage ?? ''} retry={list.reload} />;
  const withdraw = async () => {
    if (!withdrawing) return;
    const body = dropEmpty({ version: withdrawing.version, reason: form.getFieldValue('reason')?.trim() });
    const then = () => {
      setWithdrawing(undefined);
      list.reload();
    };
    if (checkWith(form, withdrawRecordInput, body)) await save(() => registersApi.withdrawAbsence(withdrawing.id, body), { done: '已撤销', then, reload: then });
  };
  const columns: ResponsiveColumn<Absence>[] = [
    { title: '缺勤人员', dataIndex: 'name', cardTitle: true },
    { title: '司法所', dataIndex: 'officeId', render: (id: string) => name(id) },
    { title: '缺勤日期', dataIndex: 'on' },
    { title: '情况说明', dataIndex: 'note' },
    { title: '登记', key: 'recorded', render: (_: unknown, a) => `${a.recordedByName} ${shanghaiDateTime(a.recordedAt)}` },
    { title: '状态', dataIndex: 'status', render: (s: Absence['status'], a) => (s === 'active' ? <Tag color="red">有效</Tag> : <Tag>{`已撤销${a.withdrawnReason ? `：${a.withdrawnReason}` : ''}`}</Tag>) },
    {
      title: '操作',
      key: 'actions',
      render: (_: unknown, a) =>
        a.status === 'active' && recordable.some((o) => o.id === a.officeId) ? (
          <Button
            size="small"
            danger
            onClick={() => {
              form.resetFields();
              setWithdrawing(a);
            }}
            data-testid="absence-withdraw"
          >
            撤销
          </Button>
        ) : null,
    },
  ];
  return (
    <>
      <Flex wrap gap={8} justify="space-between" style={{ marginBottom: 12 }}>
        <Flex wrap gap={8}>
          <ScopeOfficeFilter offices={offices} value={officeId} onChange={setOfficeId} testId="absence-filter-office" />
          <MonthFilter value={month} onChange={setMonth} testId="absence-filter-month" />
        </Flex>
        {recordable.length > 0 && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} data-testid="absence-new">
            登记缺勤
          </Button>
        )}
      </Flex>
      <ResponsiveTable<Absence> rowKey="id" size="small" loading={list.loading} dataSource={list.data} columns={columns} pagination={{ pageSize: 20, hideOnSinglePage: true }} data-testid="absence-table" />
      <AbsenceDialog
        open={recording}
        offices={recordable}
        onClose={() => setRecording(false)}
        onSaved={() => {
          setRecording(false);
          list.reload();
        }}
      />
      <Modal title="撤销缺勤记录" open={!!withdrawing} onOk={withdraw} onCancel={() => setWithdrawing(undefined)} confirmLoading={busy} okText="撤销" okButtonProps={{ danger: true, 'data-testid': 'absence-withdraw-submit' } as ButtonProps} forceRender>
        <Form form={form} layout="vertical" name="absence-withdraw">
          <Form.Item name="reason" label="撤销原因" required>
            <Input.TextArea rows={2} maxLength={200} data-testid="absence-withdraw-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export default function Leave() {
  const me = useMe();
  const { offices, name } = useScopeOffices();
  const [params, setParams] = useSearchParams();
  const [action, setAction] = useState<LeaveAction>();
  // Any decision or cancellation refreshes the lists that show it.
  const [tick, setTick] = useState(0);
  const own = ownOfficeId(me);
  const tabs = [
    ...(own && keepsOffice(me) ? [{ key: 'mine', label: '我的请假', children: <MyLeave key={tick} officeId={own} setAction={setAction} /> }] : []),
    ...(decidesLeave(me)
      ? [
          { key: 'decide', label: '待我审批', children: <ToDecide name={name} setAction={setAction} tick={tick} /> },
          { key: 'all', label: '请假记录', children: <AllLeave offices={offices} name={name} tick={tick} /> },
        ]
      : []),
    ...(recordsAbsences(me) || keepsOffice(me) ? [{ key: 'absences', label: '缺勤登记', children: <Absences offices={offices} name={name} /> }] : []),
  ];
  const active = tabs.some((t) => t.key === params.get('tab')) ? params.get('tab')! : tabs[0]?.key;
  return (
    <Page title="请销假">
      <Tabs activeKey={active} onChange={(tab) => setParams({ tab }, { replace: true })} items={tabs} data-testid="leave-tabs" />
      <LeaveActionDialog
        action={action}
        onClose={() => setAction(undefined)}
        onDone={() => {
          setAction(undefined);
          setTick((t) => t + 1);
        }}
      />
    </Page>
  );
}

// 交办任务: a department or the leader assigns a task to offices (全部 / 按片区 helpers), with a due date
// and attachments; the board shows tasks × offices, each cell coloured by state, with each task's counts.
// Offices see their tasks (overdue in red) and report completion with a note and attachments. A task's
// title opens it: its requirements, files and every office's part the user may see.
import { useLayoutEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, type ButtonProps, DatePicker, Descriptions, Drawer, Flex, Form, Grid, Input, Modal, Select, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  canWriteOfficeRecords,
  readScope,
  shanghaiDateTime,
  TASK_STATES,
  TASK_STATE_LABELS,
  taskCompletionInput,
  taskInput,
  type Office,
  type TaskAssignment,
  type TaskBoard,
  type TaskState,
} from '@sifasuo/domain';
import { registersApi } from './api';
import { AttachmentLinks, AttachmentsInput } from './Attachments';
import { assignsTasks, keepsOffice } from './permissions';
import { dayOf } from './shared';
import { checkWith, dropEmpty, requiredBy, useSave } from '../kit/errors';
import { useMe } from '../kit/guards';
import { ownOfficeId } from '../kit/permissions';
import { officeSelectOptions, ScopeOfficeFilter, useScopeOffices } from '../kit/offices';
import { Page } from '../kit/page';
import { ResponsiveTable, type ResponsiveColumn } from '../kit/ResponsiveTable';
import { Forbidden, LoadFailed } from '../kit/results';
import { useLoad } from '../kit/useLoad';

const required = requiredBy(taskInput);
const TASK_STATE_COLOURS: Record<TaskState, string> = { open: 'blue', done: 'green', overdue: 'red', 'done-late': 'gold' };

const TaskStateTag = ({ state, testId }: { state: TaskState; testId?: string }) => (
  <Tag color={TASK_STATE_COLOURS[state]} style={{ marginInlineEnd: 0 }} data-testid={testId} data-state={state}>
    {TASK_STATE_LABELS[state]}
  </Tag>
);

const TaskLegend = () => (
  <Flex wrap gap={8} align="center" data-testid="task-legend">
    <span>图例：</span>
    {TASK_STATES.map((s) => (
      <TaskStateTag key={s} state={s} />
    ))}
  </Flex>
);

function AssignDialog({ open, offices, onClose, onSaved }: { open: boolean; offices: readonly Office[]; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<{ title?: string; content?: string; officeIds?: string[]; dueOn?: Dayjs; attachments?: { uploadId: string; fileName: string }[] }>();
  const { busy, save } = useSave(form);
  const areas = useLoad(() => registersApi.areas(), []);
  useLayoutEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  const add = (ids: readonly string[]) => form.setFieldValue('officeIds', [...new Set([...(form.getFieldValue('officeIds') ?? []), ...ids])]);
  const submit = async () => {
    const v = form.getFieldsValue();
    const body = dropEmpty({ title: v.title?.trim(), content: v.content?.trim(), officeIds: v.officeIds, dueOn: dayOf(v.dueOn), attachments: v.attachments?.length ? v.attachments : undefined });
    if (checkWith(form, taskInput, body)) await save(() => registersApi.assignTask(body), { done: '任务已交办', then: onSaved });
  };
  return (
    <Modal title="交办任务" open={open} onOk={submit} onCancel={onClose} confirmLoading={busy} okText="交办" okButtonProps={{ 'data-testid': 'task-submit' } as ButtonProps} width={720} forceRender>
      <Form form={form} layout="vertical" name="task" autoComplete="off">
        <Form.Item name="title" label="任务名称" required={required('title')}>
          <Input maxLength={100} data-testid="task-title" />
        </Form.Item>
        <Form.Item name="content" label="任务要求" required={required('content')}>
          <Input.TextArea rows={4} maxLength={4000} data-testid="task-content" />
        </Form.Item>
        <Flex wrap gap={8} style={{ marginBottom: 8 }}>
          <Button size="small" onClick={() => add(offices.map((o) => o.id))} data-testid="task-offices-all">
            全部司法所
          </Button>
          <Select
            size="small"
            aria-label="按片区添加"
            placeholder="按片区添加"
            style={{ width: 160 }}
            value={null}
            onChange={(areaId: string) => add(offices.filter((o) => o.areaId === areaId).map((o) => o.id))}
            options={(areas.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
            data-testid="task-offices-area"
          />
          <Button size="small" onClick={() => form.setFieldValue('officeIds', [])} data-testid="task-offices-clear">
            清空
          </Button>
        </Flex>
        <Form.Item name="officeIds" label="承办司法所" required={required('officeIds')}>
          <Select mode="multiple" options={officeSelectOptions(offices)} showSearch={{ optionFilterProp: 'label' }} maxTagCount="responsive" placeholder="请选择" data-testid="task-offices" />
        </Form.Item>
        <Form.Item name="dueOn" label="完成期限" required={required('dueOn')}>
          <DatePicker style={{ width: '100%' }} data-testid="task-dueOn" />
        </Form.Item>
        <Form.Item name="attachments" label="附件">
          <AttachmentsInput testId="task-attachments" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CompleteDialog({ assignment, onClose, onDone }: { assignment?: TaskAssignment; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ note?: string; attachments?: { uploadId: string; fileName: string }[] }>();
  const { busy, save } = useSave(form);
  useLayoutEffect(() => {
    if (assignment) form.resetFields();
  }, [assignment, form]);
  const submit = async () => {
    if (!assignment) return;
    const v = form.getFieldsValue();
    const body = dropEmpty({ version: assignment.version, note: v.note?.trim(), attachments: v.attachments?.length ? v.attachments : undefined });
    if (checkWith(form, taskCompletionInput, body))
      await save(() => registersApi.completeTask(assignment.taskId, assignment.officeId, body), { done: '已报告完成', then: onDone, reload: onDone });
  };
  return (
    <Modal title={`报告完成：${assignment?.title ?? ''}`} open={!!assignment} onOk={submit} onCancel={onClose} confirmLoading={busy} okText="提交" okButtonProps={{ 'data-testid': 'task-complete-submit' } as ButtonProps} forceRender>
      <Form form={form} layout="vertical" name="task-complete" autoComplete="off">
        <Form.Item name="note" label="完成情况" required>
          <Input.TextArea rows={4} maxLength={4000} data-testid="task-complete-note" />
        </Form.Item>
        <Form.Item name="attachments" label="附件">
          <AttachmentsInput testId="task-complete-attachments" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A task opened from its title: its requirements, files and the offices' parts the user may see. */
function TaskDrawer({ taskId, name, onClose }: { taskId?: string; name: (id: string) => string; onClose: () => void }) {
  const screens = Grid.useBreakpoint();
  const task = useLoad(() => (taskId ? registersApi.task(taskId) : Promise.resolve(undefined)), [taskId]);
  const t = task.data;
  return (
    <Drawer open={!!taskId} onClose={onClose} title={t?.title ?? '任务'} size={screens.md ? 640 : '100%'} data-testid="task-drawer">
      {task.errorMessage && <Typography.Text type="danger">{task.errorMessage}</Typography.Text>}
      {t && (
        <Flex vertical gap={16}>
          <Descriptions bordered size="small" column={1}>
            <Descriptions.Item label="交办人">{t.assignedByName}</Descriptions.Item>
            <Descriptions.Item label="交办时间">{shanghaiDateTime(t.assignedAt)}</Descriptions.Item>
            <Descriptions.Item label="完成期限">{t.dueOn}</Descriptions.Item>
            <Descriptions.Item label="任务要求">
              <span style={{ whiteSpace: 'pre-wrap' }}>{t.content}</span>
            </Descriptions.Item>
            <Descriptions.Item label="附件">
              <AttachmentLinks items={t.attachments} />
            </Descriptions.Item>
          </Descriptions>
          <ResponsiveTable<TaskAssignment>
            rowKey="officeId"
            size="small"
            dataSource={t.assignments}
            pagination={false}
            columns={[
              { title: '司法所', dataIndex: 'officeId', cardTitle: true, render: (id: string) => name(id) },
              { title: '状态', dataIndex: 'state', render: (s: TaskState) => <TaskStateTag state={s} /> },
              { title: '完成时间', dataIndex: 'completedAt', render: (at?: string) => (at ? shanghaiDateTime(at) : '—') },
              { title: '完成情况', dataIndex: 'note', render: (n?: string) => n ?? '—' },
              { title: '附件', dataIndex: 'attachments', render: (a: TaskAssignment['attachments']) => <AttachmentLinks items={a} /> },
            ]}
          />
        </Flex>
      )}
    </Drawer>
  );
}

/** An office's part of a task, keyed by both (one task has many offices, one office many tasks). */
type AssignmentRow = TaskAssignment & { key: string };

function Assignments({ officeId, offices, name, open, tick }: { officeId?: string; offices: readonly Office[]; name: (id: string) => string; open: (taskId: string) => void; tick: number }) {
  const me = useMe();
  const [filters, setFilters] = useState<{ officeId?: string; state?: TaskState }>({ officeId });
  const list = useLoad(() => registersApi.tasks(filters), [filters, tick]);
  const [completing, setCompleting] = useState<TaskAssignment>();
  if (list.errorStatus === 403) return <Forbidden message={list.errorMessage} />;
  if (list.errorStatus !== undefined) return <LoadFailed message={list.errorMessage ?? ''} retry={list.reload} />;
  const rows: AssignmentRow[] = [...(list.data ?? [])].map((a) => ({ ...a, key: `${a.taskId}-${a.officeId}` })).sort((a, b) => Number(b.state === 'overdue') - Number(a.state === 'overdue') || a.dueOn.localeCompare(b.dueOn));
  const columns: ResponsiveColumn<AssignmentRow>[] = [
    {
      title: '任务名称',
      dataIndex: 'title',
      cardTitle: true,
      render: (title: string, a) => (
        <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => open(a.taskId)} data-testid="task-open">
          {title}
        </Button>
      ),
    },
    ...(officeId ? [] : [{ title: '司法所', dataIndex: 'officeId', render: (id: string) => name(id) }]),
    { title: '完成期限', dataIndex: 'dueOn', render: (d: string, a) => <span style={{ color: a.state === 'overdue' ? '#a8071a' : undefined }}>{d}</span> },
    { title: '状态', dataIndex: 'state', render: (s: TaskState) => <TaskStateTag state={s} testId="task-state" /> },
    { title: '完成时间', dataIndex: 'completedAt', render: (at?: string) => (at ? shanghaiDateTime(at) : '—') },
    {
      title: '操作',
      key: 'actions',
      render: (_: unknown, a) =>
        (a.state === 'open' || a.state === 'overdue') && canWriteOfficeRecords(me, a.officeId) ? (
          <Button size="small" type="primary" onClick={() => setCompleting(a)} data-testid="task-complete">
            报告完成
          </Button>
        ) : null,
    },
  ];
  return (
    <>
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        {!officeId && <ScopeOfficeFilter offices={offices} value={filters.officeId} onChange={(id) => setFilters((f) => ({ ...f, officeId: id }))} testId="task-filter-office" />}
        <Select aria-label="状态" placeholder="全部状态" allowClear style={{ width: 120 }} value={filters.state} onChange={(state?: TaskState) => setFilters((f) => ({ ...f, state }))} options={TASK_STATES.map((s) => ({ value: s, label: TASK_STATE_LABELS[s] }))} data-testid="task-filter-state" />
      </Flex>
      <ResponsiveTable<AssignmentRow> rowKey="key" size="small" loading={list.loading} dataSource={rows} columns={columns} pagination={{ pageSize: 20, hideOnSinglePage: true }} data-testid="task-table" />
      <CompleteDialog
        assignment={completing}
        onClose={() => setCompleting(undefined)}
        onDone={() => {
          setCompleting(undefined);
          list.reload();
        }}
      />
    </>
  );
}

type BoardOffice = TaskBoard['offices'][number];

function Board({ open, tick }: { open: (taskId: string) => void; tick: number }) {
  // This month's deadlines first (a county's year is many tasks × 49 offices); the range picks others.
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(() => [dayjs().startOf('month'), dayjs().endOf('month')]);
  const board = useLoad(() => registersApi.taskBoard({ from: dayOf(range?.[0]), to: dayOf(range?.[1]) }), [range, tick]);
  if (board.errorStatus === 403) return <Forbidden message={board.errorMessage} />;
  if (board.errorStatus !== undefined) return <LoadFailed message={board.errorMessage ?? ''} retry={board.reload} />;
  const tasks = board.data?.tasks ?? [];
  const taskColumns: ResponsiveColumn<BoardOffice>[] = tasks.map((t, i) => ({
    key: t.id,
    // Plain text: antd copies the headers into a hidden measuring row, where a button would be focusable
    // (the task opens from the table above).
    title: t.title,
    render: (_: unknown, row: BoardOffice) => {
      const cell = row.cells[i];
      return cell ? (
        <span data-testid={`task-cell-${row.officeId}-${t.id}`}>
          <TaskStateTag state={cell.state} />
        </span>
      ) : (
        '—'
      );
    },
  }));
  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={12} align="center" justify="space-between">
        <DatePicker.RangePicker aria-label="完成期限范围" value={range} onChange={setRange} data-testid="task-board-range" />
        <TaskLegend />
      </Flex>
      <ResponsiveTable
        rowKey="id"
        size="small"
        loading={board.loading}
        dataSource={tasks}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="task-board-tasks"
        columns={[
          {
            title: '任务名称',
            dataIndex: 'title',
            cardTitle: true,
            render: (title: string, t) => (
              <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => open(t.id)}>
                {title}
              </Button>
            ),
          },
          { title: '交办人', dataIndex: 'assignedByName' },
          { title: '完成期限', dataIndex: 'dueOn' },
          ...TASK_STATES.map((s) => ({ key: s, title: TASK_STATE_LABELS[s], render: (_: unknown, t: (typeof tasks)[number]) => t.counts[s] ?? 0 })),
        ]}
      />
      <ResponsiveTable<BoardOffice>
        rowKey="officeId"
        size="small"
        loading={board.loading}
        dataSource={board.data?.offices}
        columns={[{ title: '司法所', dataIndex: 'officeName', cardTitle: true }, ...taskColumns]}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        data-testid="task-board"
      />
    </Flex>
  );
}

export default function Tasks() {
  const me = useMe();
  const { offices, name } = useScopeOffices();
  const [params, setParams] = useSearchParams();
  const [assigning, setAssigning] = useState(false);
  const [opened, setOpened] = useState<string>();
  const [tick, setTick] = useState(0);
  const own = ownOfficeId(me);
  const wide = readScope(me).kind === 'all' || readScope(me).kind === 'area' || assignsTasks(me);
  const tabs = useMemo(
    () => [
      ...(own && keepsOffice(me) ? [{ key: 'mine', label: '本所任务', children: <Assignments officeId={own} offices={offices} name={name} open={setOpened} tick={tick} /> }] : []),
      ...(wide
        ? [
            { key: 'board', label: '任务看板', children: <Board open={setOpened} tick={tick} /> },
            { key: 'all', label: '承办情况', children: <Assignments offices={offices} name={name} open={setOpened} tick={tick} /> },
          ]
        : []),
    ],
    [own, me, wide, offices, name, tick],
  );
  const active = tabs.some((t) => t.key === params.get('tab')) ? params.get('tab')! : tabs[0]?.key;
  return (
    <Page
      title="交办任务"
      extra={
        assignsTasks(me) && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAssigning(true)} data-testid="task-new">
            交办任务
          </Button>
        )
      }
    >
      <Tabs activeKey={active} onChange={(tab) => setParams({ tab }, { replace: true })} items={tabs} data-testid="task-tabs" />
      <AssignDialog
        open={assigning}
        offices={offices}
        onClose={() => setAssigning(false)}
        onSaved={() => {
          setAssigning(false);
          setTick((t) => t + 1);
        }}
      />
      <TaskDrawer taskId={opened} name={name} onClose={() => setOpened(undefined)} />
    </Page>
  );
}

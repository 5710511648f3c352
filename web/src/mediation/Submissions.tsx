// 典型案例与新闻: the offices' typical cases and one-sentence news. An office submits (and, once returned,
// edits and resubmits or withdraws); the area director or 人民调解股 returns with a comment; 人民调解股
// or the bureau leader records an adoption and its level.
import { useLayoutEffect, useState } from 'react';
import { App, Button, type ButtonProps, Flex, Form, Input, Modal, Popconfirm, Radio, Select, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  ADOPTION_LEVELS,
  ADOPTION_LEVEL_LABELS,
  adoptSubmissionInput,
  canAdoptSubmission,
  canReturnSubmission,
  canWriteOfficeRecords,
  createSubmissionInput,
  returnSubmissionInput,
  SUBMISSION_KINDS,
  SUBMISSION_KIND_LABELS,
  SUBMISSION_STATUSES,
  SUBMISSION_STATUS_LABELS,
  updateSubmissionInput,
  type Submission,
  type SubmissionKind,
  type SubmissionStatus,
} from '@sifasuo/domain';
import { mediationApi } from './api';
import { writableOffices } from './permissions';
import { MonthSelect } from './shared';
import { officeSelectOptions, useScopeOffices } from '../kit/offices';
import { checkWith, dropEmpty, useReportError, useSave } from '../kit/errors';
import { useMe } from '../kit/guards';
import { Page } from '../kit/page';
import { ResponsiveTable, type ResponsiveColumn } from '../kit/ResponsiveTable';
import { Forbidden, LoadFailed } from '../kit/results';
import { useLoad } from '../kit/useLoad';

const STATUS_COLOURS: Record<SubmissionStatus, string> = { submitted: 'blue', returned: 'orange', adopted: 'green', withdrawn: 'default' };

type Dialog = { kind: 'new' } | { kind: 'edit' | 'return' | 'adopt'; submission: Submission };
const TITLES = { new: '报送典型案例或新闻', edit: '修改并重新报送', return: '退回报送', adopt: '登记采用' } as const;

function SubmissionDialog({ dialog, onClose, onSaved }: { dialog?: Dialog; onClose: () => void; onSaved: () => void }) {
  const me = useMe();
  const { offices } = useScopeOffices();
  const own = writableOffices(me, offices);
  const [form] = Form.useForm();
  const { busy, save } = useSave(form);
  useLayoutEffect(() => {
    if (!dialog) return;
    form.resetFields();
    if (dialog.kind === 'new') form.setFieldsValue({ kind: 'typical-case', officeId: own.length === 1 ? own[0]!.id : undefined });
    if (dialog.kind === 'edit') form.setFieldsValue({ title: dialog.submission.title, content: dialog.submission.content });
    if (dialog.kind === 'adopt') form.setFieldsValue({ level: 'county' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dialog, form]);

  const submit = async () => {
    if (!dialog) return;
    const v = form.getFieldsValue();
    const opts = { then: onSaved, reload: onSaved };
    switch (dialog.kind) {
      case 'new': {
        const body = dropEmpty({ officeId: v.officeId, kind: v.kind, title: v.title, content: v.content, caseId: v.caseId });
        if (checkWith(form, createSubmissionInput, body)) await save(() => mediationApi.createSubmission(body), { ...opts, done: '已报送' });
        return;
      }
      case 'edit': {
        const body = dropEmpty({ version: dialog.submission.version, title: v.title, content: v.content, caseId: dialog.submission.caseId });
        if (checkWith(form, updateSubmissionInput, body)) await save(() => mediationApi.updateSubmission(dialog.submission.id, body), { ...opts, done: '已重新报送' });
        return;
      }
      case 'return': {
        const body = dropEmpty({ version: dialog.submission.version, comment: v.comment });
        if (checkWith(form, returnSubmissionInput, body)) await save(() => mediationApi.returnSubmission(dialog.submission.id, body), { ...opts, done: '已退回' });
        return;
      }
      case 'adopt': {
        const body = { version: dialog.submission.version, level: v.level };
        if (checkWith(form, adoptSubmissionInput, body)) await save(() => mediationApi.adoptSubmission(dialog.submission.id, body), { ...opts, done: '已登记采用' });
        return;
      }
    }
  };

  const kind = dialog?.kind;
  return (
    <Modal
      title={kind ? TITLES[kind] : ''}
      open={!!dialog}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      okText={kind === 'return' ? '退回' : kind === 'adopt' ? '登记' : '报送'}
      okButtonProps={{ 'data-testid': 'submission-submit' } as ButtonProps}
      width={640}
      forceRender
    >
      <Form form={form} name="submission" layout="vertical" autoComplete="off" data-testid="submission-form">
        {kind === 'new' && (
          <>
            <Form.Item name="officeId" label="司法所" required>
              <Select options={officeSelectOptions(own)} placeholder="请选择" data-testid="submission-office" />
            </Form.Item>
            <Form.Item name="kind" label="类型" required>
              <Radio.Group options={SUBMISSION_KINDS.map((k) => ({ value: k, label: SUBMISSION_KIND_LABELS[k] }))} data-testid="submission-kind" />
            </Form.Item>
          </>
        )}
        {(kind === 'new' || kind === 'edit') && (
          <>
            <Form.Item name="title" label="标题" required>
              <Input maxLength={80} data-testid="submission-title" />
            </Form.Item>
            <Form.Item name="content" label="内容" required>
              <Input.TextArea rows={6} maxLength={5000} data-testid="submission-content" />
            </Form.Item>
          </>
        )}
        {kind === 'return' && (
          <Form.Item name="comment" label="退回意见" required>
            <Input.TextArea rows={3} maxLength={500} data-testid="submission-comment" />
          </Form.Item>
        )}
        {kind === 'adopt' && (
          <Form.Item name="level" label="采用级别" required>
            <Radio.Group options={ADOPTION_LEVELS.map((l) => ({ value: l, label: ADOPTION_LEVEL_LABELS[l] }))} data-testid="submission-level" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

export default function Submissions() {
  const me = useMe();
  const { offices, name } = useScopeOffices();
  const [kind, setKind] = useState<SubmissionKind>();
  const [status, setStatus] = useState<SubmissionStatus>();
  const [month, setMonth] = useState<string>();
  const list = useLoad(() => mediationApi.submissions({ kind, status, month }), [kind, status, month]);
  const [dialog, setDialog] = useState<Dialog>();
  const report = useReportError();
  const { message } = App.useApp();
  if (list.errorStatus === 403) return <Forbidden message={list.errorMessage} />;
  if (list.errorStatus !== undefined) return <LoadFailed message={list.errorMessage ?? ''} retry={list.reload} />;

  const withdraw = (s: Submission) =>
    mediationApi.withdrawSubmission(s.id, { version: s.version }).then(
      () => (message.success('已撤回'), list.reload()),
      (e: unknown) => report(e, { reload: list.reload }),
    );

  const actions = (s: Submission) => {
    const office = { id: s.officeId, areaId: s.areaId };
    const mine = canWriteOfficeRecords(me, s.officeId);
    const buttons = [
      s.status === 'submitted' && canReturnSubmission(me, office) && (
        <Button key="return" size="small" onClick={() => setDialog({ kind: 'return', submission: s })} data-testid="submission-return">
          退回
        </Button>
      ),
      s.status === 'submitted' && canAdoptSubmission(me) && (
        <Button key="adopt" size="small" type="primary" onClick={() => setDialog({ kind: 'adopt', submission: s })} data-testid="submission-adopt">
          登记采用
        </Button>
      ),
      s.status === 'returned' && mine && (
        <Button key="edit" size="small" type="primary" onClick={() => setDialog({ kind: 'edit', submission: s })} data-testid="submission-edit">
          修改并重新报送
        </Button>
      ),
      (s.status === 'submitted' || s.status === 'returned') && mine && (
        <Popconfirm
          key="withdraw"
          title="撤回此报送？"
          okText="撤回"
          cancelText="取消"
          okButtonProps={{ 'data-testid': 'submission-withdraw-confirm' } as ButtonProps}
          onConfirm={() => withdraw(s)}
        >
          <Button size="small" data-testid="submission-withdraw">
            撤回
          </Button>
        </Popconfirm>
      ),
    ].filter(Boolean);
    return buttons.length ? <Flex wrap gap={4}>{buttons}</Flex> : '—';
  };

  const columns: ResponsiveColumn<Submission>[] = [
    { title: '标题', dataIndex: 'title', cardTitle: true },
    { title: '类型', dataIndex: 'kind', render: (k: SubmissionKind) => SUBMISSION_KIND_LABELS[k] },
    { title: '司法所', dataIndex: 'officeId', render: (id: string) => name(id) },
    { title: '月份', dataIndex: 'month' },
    {
      title: '状态',
      dataIndex: 'status',
      render: (st: SubmissionStatus, s) => (
        <Flex vertical gap={2}>
          <span>
            <Tag color={STATUS_COLOURS[st]}>{SUBMISSION_STATUS_LABELS[st]}</Tag>
            {s.adoption && <Tag color="green">{ADOPTION_LEVEL_LABELS[s.adoption.level]}</Tag>}
          </span>
          {st === 'returned' && s.returns.length > 0 && (
            <Typography.Text type="secondary" data-testid="submission-return-comment">
              退回意见：{s.returns[s.returns.length - 1]!.comment}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    { title: '操作', key: 'actions', render: (_: unknown, s) => actions(s) },
  ];

  return (
    <Page
      title="典型案例与新闻"
      extra={
        writableOffices(me, offices).length > 0 && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'new' })} data-testid="submission-new">
            报送
          </Button>
        )
      }
    >
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Select
          aria-label="类型"
          placeholder="全部类型"
          allowClear
          style={{ width: 140 }}
          value={kind}
          onChange={(k?: SubmissionKind) => setKind(k)}
          options={SUBMISSION_KINDS.map((k) => ({ value: k, label: SUBMISSION_KIND_LABELS[k] }))}
        />
        <Select
          aria-label="状态"
          placeholder="全部状态"
          allowClear
          style={{ width: 140 }}
          value={status}
          onChange={(st?: SubmissionStatus) => setStatus(st)}
          options={SUBMISSION_STATUSES.map((st) => ({ value: st, label: SUBMISSION_STATUS_LABELS[st] }))}
        />
        <MonthSelect allowClear value={month} onChange={setMonth} testId="submission-month" />
      </Flex>
      <ResponsiveTable<Submission>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data}
        columns={columns}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="submission-table"
      />
      <SubmissionDialog
        dialog={dialog}
        onClose={() => setDialog(undefined)}
        onSaved={() => {
          setDialog(undefined);
          list.reload();
        }}
      />
    </Page>
  );
}

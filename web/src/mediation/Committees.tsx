// 调委会与调解员: the committees in scope (kind, term, contact) with their form, and the mediator roster
// (人民调解员花名册) with its add and edit form, 导出Excel and 导入Excel — an import is all or nothing: every problem is listed by
// row, column and reason, and nothing is imported until the file has none.
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, type ButtonProps, Card, DatePicker, Flex, Form, Input, Modal, Select, Space, Table, Typography } from 'antd';
import { DownloadOutlined, EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  canWriteOfficeRecords,
  COMMITTEE_KINDS,
  COMMITTEE_KIND_LABELS,
  committeeInput,
  MEDIATOR_POST_LABELS,
  MEDIATOR_SEX_LABELS,
  updateCommitteeInput,
  type Committee,
  type ImportResult,
  type Mediator,
  type Office,
} from '@sifasuo/domain';
import { mediationApi } from './api';
import MediatorDialog from './MediatorDialog';
import { writableOffices } from './permissions';
import { dayOf, HALF, PAIR } from './shared';
import { officeSelectOptions, useScopeOffices } from '../kit/offices';
import DownloadButton from '../kit/DownloadButton';
import { checkWith, dropEmpty, requiredBy, useReportError, useSave } from '../kit/errors';
import { useMe } from '../kit/guards';
import { Page } from '../kit/page';
import { ResponsiveTable, type ResponsiveColumn } from '../kit/ResponsiveTable';
import { Forbidden, LoadFailed } from '../kit/results';
import { useLoad } from '../kit/useLoad';

const committeeRequired = requiredBy(committeeInput);

function CommitteeDialog({
  committee,
  offices,
  onClose,
  onSaved,
}: {
  /** `null`: a new committee. */
  committee?: Committee | null;
  offices: readonly Office[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm();
  const { busy, save } = useSave(form);
  useLayoutEffect(() => {
    if (committee === undefined) return;
    form.resetFields();
    if (committee) form.setFieldsValue({ ...committee, termStart: dayjs(committee.termStart) });
    else form.setFieldsValue({ officeId: offices.length === 1 ? offices[0]!.id : undefined, kind: 'township' });
  }, [committee, form, offices]);

  const submit = async () => {
    const v = form.getFieldsValue() as { officeId?: string; name?: string; kind?: string; termStart?: Dayjs; phone?: string; address?: string };
    const fields = dropEmpty({ name: v.name, kind: v.kind, termStart: dayOf(v.termStart), phone: v.phone, address: v.address });
    if (committee) {
      const body = { ...fields, version: committee.version };
      if (checkWith(form, updateCommitteeInput, body)) await save(() => mediationApi.updateCommittee(committee.id, body), { done: '调委会已保存', then: onSaved, reload: onSaved });
    } else {
      const body = { ...fields, officeId: v.officeId };
      if (checkWith(form, committeeInput, body)) await save(() => mediationApi.createCommittee(body), { done: '已新建调委会', then: onSaved });
    }
  };

  return (
    <Modal
      title={committee ? `编辑调委会 · ${committee.name}` : '新建调委会'}
      open={committee !== undefined}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      okText="保存"
      okButtonProps={{ 'data-testid': 'committee-submit' } as ButtonProps}
      width={640}
      forceRender
    >
      <Form form={form} name="committee" layout="vertical" autoComplete="off" data-testid="committee-form">
        {!committee && (
          <Form.Item name="officeId" label="司法所" required={committeeRequired('officeId')}>
            <Select options={officeSelectOptions(offices)} placeholder="请选择" />
          </Form.Item>
        )}
        <Form.Item name="name" label="调委会名称" required={committeeRequired('name')}>
          <Input maxLength={60} data-testid="committee-name" />
        </Form.Item>
        <div style={PAIR}>
          <Form.Item name="kind" label="类型" required={committeeRequired('kind')} style={HALF}>
            <Select options={COMMITTEE_KINDS.map((k) => ({ value: k, label: COMMITTEE_KIND_LABELS[k] }))} />
          </Form.Item>
          <Form.Item name="termStart" label="本届任期开始日期" required={committeeRequired('termStart')} style={HALF} extra="每届任期三年">
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="phone" label="联系电话" required={committeeRequired('phone')} style={HALF}>
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="address" label="地址" required={committeeRequired('address')} style={HALF}>
            <Input maxLength={100} />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}

/** The file's bytes as base64 (what the import route takes). */
const base64Of = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });

function RosterImport({ offices, onImported }: { offices: readonly Office[]; onImported: () => void }) {
  const [officeId, setOfficeId] = useState<string | undefined>(offices.length === 1 ? offices[0]!.id : undefined);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult & { fileName: string }>();
  const input = useRef<HTMLInputElement>(null);
  const report = useReportError();
  const chosen = officeId ?? (offices.length === 1 ? offices[0]!.id : undefined);

  const upload = async (file: File) => {
    if (!chosen) return;
    setBusy(true);
    setResult(undefined);
    try {
      const answer = await mediationApi.importRoster({ officeId: chosen, fileName: file.name, contentBase64: await base64Of(file) });
      setResult({ ...answer, fileName: file.name });
      if (answer.problems.length === 0) onImported();
    } catch (e) {
      report(e);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Flex wrap gap={8} align="center">
        {offices.length > 1 && (
          <Select aria-label="导入到司法所" placeholder="导入到司法所" style={{ width: 180 }} value={officeId} onChange={setOfficeId} options={officeSelectOptions(offices)} />
        )}
        <input
          ref={input}
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          style={{ display: 'none' }}
          aria-label="选择花名册Excel文件"
          data-testid="roster-import-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void upload(file);
          }}
        />
        <Button icon={<UploadOutlined />} loading={busy} disabled={!chosen} onClick={() => input.current?.click()} data-testid="roster-import">
          导入Excel
        </Button>
      </Flex>
      {result && result.problems.length === 0 && (
        <Alert type="success" showIcon title={`${result.fileName}：已导入 ${result.imported} 名调解员`} data-testid="roster-import-done" />
      )}
      {result && result.problems.length > 0 && (
        <>
          <Alert
            type="error"
            showIcon
            title={`${result.fileName} 有 ${result.problems.length} 处问题，未导入任何数据。请修改后重新导入。`}
            data-testid="roster-import-refused"
          />
          <Table
            size="small"
            rowKey={(p) => `${p.row}-${p.column}-${p.reason}`}
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={result.problems}
            data-testid="roster-import-problems"
            columns={[
              { title: '行', dataIndex: 'row' },
              { title: '列', dataIndex: 'column' },
              { title: '问题', dataIndex: 'reason' },
            ]}
          />
        </>
      )}
    </Space>
  );
}

export default function Committees() {
  const me = useMe();
  const { offices, name } = useScopeOffices();
  const own = writableOffices(me, offices);
  const committees = useLoad(() => mediationApi.committees(), []);
  const mediators = useLoad(() => mediationApi.mediators(), []);
  const [editing, setEditing] = useState<Committee | null>();
  const [editingMediator, setEditingMediator] = useState<Mediator | null>();
  // A mediator joins a committee of an office whose records the user keeps (kept stable: the dialog resets on a change).
  const ownCommittees = useMemo(() => (committees.data ?? []).filter((c) => canWriteOfficeRecords(me, c.officeId)), [committees.data, me]);
  if (committees.errorStatus === 403) return <Forbidden message={committees.errorMessage} />;
  if (committees.errorStatus !== undefined) return <LoadFailed message={committees.errorMessage ?? ''} retry={committees.reload} />;
  const committeeName = (id: string) => committees.data?.find((c) => c.id === id)?.name ?? id;

  const committeeColumns: ResponsiveColumn<Committee>[] = [
    { title: '调委会名称', dataIndex: 'name', cardTitle: true },
    { title: '类型', dataIndex: 'kind', render: (k: Committee['kind']) => COMMITTEE_KIND_LABELS[k] },
    { title: '司法所', dataIndex: 'officeId', render: (id: string) => name(id) },
    { title: '本届任期', key: 'term', render: (_: unknown, c) => `${c.termStart} 至 ${c.termEnd}` },
    { title: '联系电话', dataIndex: 'phone', render: (p?: string) => p ?? '—' },
    {
      title: '操作',
      key: 'actions',
      render: (_: unknown, c) =>
        canWriteOfficeRecords(me, c.officeId) ? (
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(c)} data-testid="committee-edit">
            编辑
          </Button>
        ) : (
          '—'
        ),
    },
  ];
  const mediatorColumns: ResponsiveColumn<Mediator>[] = [
    { title: '姓名', dataIndex: 'name', cardTitle: true },
    { title: '性别', dataIndex: 'sex', render: (s: Mediator['sex']) => MEDIATOR_SEX_LABELS[s] },
    { title: '调委会', dataIndex: 'committeeId', render: committeeName },
    { title: '职务', dataIndex: 'post', render: (p: Mediator['post']) => MEDIATOR_POST_LABELS[p] },
    { title: '专兼职', dataIndex: 'fullTime', render: (f: boolean) => (f ? '专职' : '兼职') },
    { title: '学历', dataIndex: 'education' },
    { title: '联系电话', dataIndex: 'phone' },
    { title: '任期', key: 'term', render: (_: unknown, m) => `${m.termStart} 至 ${m.termEnd}` },
    { title: '培训', key: 'trainings', render: (_: unknown, m) => `${m.trainings.length} 次` },
    {
      title: '操作',
      key: 'actions',
      render: (_: unknown, m) =>
        canWriteOfficeRecords(me, m.officeId) ? (
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditingMediator(m)} data-testid="mediator-edit">
            编辑
          </Button>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <Page title="调委会与调解员">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Card
          size="small"
          title="人民调解委员会"
          extra={
            own.length > 0 && (
              <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing(null)} data-testid="committee-new">
                新建调委会
              </Button>
            )
          }
        >
          <ResponsiveTable<Committee>
            rowKey="id"
            size="small"
            loading={committees.loading}
            dataSource={committees.data}
            columns={committeeColumns}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            data-testid="committee-table"
          />
        </Card>
        <Card
          size="small"
          title="人民调解员花名册"
          extra={
            ownCommittees.length > 0 && (
              <Button size="small" icon={<PlusOutlined />} onClick={() => setEditingMediator(null)} data-testid="mediator-new">
                新增调解员
              </Button>
            )
          }
        >
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Flex wrap gap={8}>
              <DownloadButton icon={<DownloadOutlined />} fetch={() => mediationApi.exportRoster({})} testId="roster-export">
                导出Excel
              </DownloadButton>
            </Flex>
            {own.length > 0 && <RosterImport offices={own} onImported={mediators.reload} />}
            <Typography.Text type="secondary">共 {mediators.data?.length ?? 0} 名调解员</Typography.Text>
            <ResponsiveTable<Mediator>
              rowKey="id"
              size="small"
              loading={mediators.loading}
              dataSource={mediators.data}
              columns={mediatorColumns}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              data-testid="mediator-table"
            />
          </Space>
        </Card>
      </Space>
      <CommitteeDialog
        committee={editing}
        offices={own}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          committees.reload();
        }}
      />
      <MediatorDialog
        mediator={editingMediator}
        committees={ownCommittees}
        officeName={name}
        onClose={() => setEditingMediator(undefined)}
        onSaved={() => {
          setEditingMediator(undefined);
          mediators.reload();
        }}
      />
    </Page>
  );
}

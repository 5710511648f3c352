import { useLayoutEffect, useState } from 'react';
import { Button, type ButtonProps, Card, DatePicker, Form, Input, Modal, Radio, Select, Skeleton, Space, Switch, Tag, Typography } from 'antd';
import { EyeOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  canWriteOfficeRecords,
  createStaffInput,
  EDUCATION_LEVELS,
  SEX_LABELS,
  SEXES,
  STAFF_POSTS,
  STAFF_STATUS_LABELS,
  STAFF_STATUSES,
  updateStaffInput,
  type Office,
  type Staff,
} from '@sifasuo/domain';
import { orgApi } from './api';
import { checkWith, dropEmpty, requiredBy, useReportError, useSave } from '../kit/errors';
import { useMe } from '../kit/guards';
import { ResponsiveTable, type ResponsiveColumn } from '../kit/ResponsiveTable';
import { useLoad } from '../kit/useLoad';

/**
 * The staff (工作人员) of one office: table (cards on a phone), create/edit form, audited reveal of the
 * full ID number. Editing and the reveal are offered to those the server allows them: the same
 * `canWriteOfficeRecords` it asks.
 */
export default function StaffSection({ office }: { office: Office }) {
  const me = useMe();
  const staff = useLoad(() => orgApi.staff(office.id), [office.id]);
  const [revealed, setRevealed] = useState<Record<string, string>>({});
  const [editing, setEditing] = useState<Staff | 'new'>();
  const report = useReportError();
  const canWrite = canWriteOfficeRecords(me, office.id);

  const reveal = async (s: Staff) => {
    try {
      const full = await orgApi.revealStaff(s.id);
      setRevealed((r) => ({ ...r, [s.id]: full.idNumber ?? '' }));
    } catch (e) {
      report(e);
    }
  };

  const columns: ResponsiveColumn<Staff>[] = [
    { title: '姓名', dataIndex: 'name', key: 'name', cardTitle: true },
    { title: '性别', dataIndex: 'sex', key: 'sex', render: (v: Staff['sex']) => SEX_LABELS[v] },
    { title: '岗位', dataIndex: 'post', key: 'post' },
    { title: '学历', dataIndex: 'education', key: 'education' },
    {
      title: '法律职业资格证书',
      key: 'cert',
      render: (_: unknown, s: Staff) =>
        s.legalExamCertificate ? <Tag color="green">有{s.certificateNo ? `（${s.certificateNo}）` : ''}</Tag> : <Tag>无</Tag>,
    },
    { title: '联系电话', dataIndex: 'phone', key: 'phone' },
    {
      title: '身份证号',
      key: 'idNumber',
      render: (_: unknown, s: Staff) =>
        !s.idNumber ? (
          '—'
        ) : revealed[s.id] ? (
          <Typography.Text copyable data-testid={`id-full-${s.id}`}>{revealed[s.id]}</Typography.Text>
        ) : !canWrite ? (
          <span data-testid={`id-masked-${s.id}`}>{s.idNumber}</span>
        ) : (
          <Space size={4} wrap>
            <span data-testid={`id-masked-${s.id}`}>{s.idNumber}</span>
            <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => reveal(s)} data-testid={`reveal-${s.id}`}>
              显示完整身份证号
            </Button>
          </Space>
        ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      key: 'status',
      render: (v: Staff['status']) => <Tag color={v === 'active' ? 'blue' : 'default'}>{STAFF_STATUS_LABELS[v]}</Tag>,
    },
    ...(canWrite
      ? [
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, s: Staff) => (
              <Button type="link" size="small" onClick={() => setEditing(s)} data-testid={`staff-edit-${s.id}`}>
                编辑
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title={`工作人员（${staff.data?.length ?? 0}人）`}
      styles={{ header: { flexWrap: 'wrap' } }}
      extra={
        canWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="staff-create">
            新增工作人员
          </Button>
        )
      }
    >
      {staff.loading && !staff.data ? (
        <Skeleton active paragraph={{ rows: 4 }} data-testid="staff-loading" />
      ) : (
        <ResponsiveTable<Staff>
          rowKey="id"
          size="middle"
          loading={staff.loading}
          dataSource={staff.data ?? []}
          columns={columns}
          pagination={false}
          locale={{ emptyText: staff.errorMessage ?? '暂无工作人员' }}
          data-testid="staff-table"
        />
      )}
      <StaffFormModal
        office={office}
        staff={editing}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          setRevealed({});
          staff.reload();
        }}
      />
    </Card>
  );
}

/** Required marks from the schema the server checks a staff record with (the same for a new one). */
const staffRequired = requiredBy(updateStaffInput);

/** Two fields side by side on a wide screen, one above the other on a phone. */
const pair = { display: 'flex', flexWrap: 'wrap', columnGap: 16 } as const;
const half = { flex: '1 1 200px', minWidth: 0 } as const;

interface StaffFormValues {
  name?: string;
  sex?: Staff['sex'];
  idNumber?: string;
  phone?: string;
  post?: Staff['post'];
  education?: Staff['education'];
  legalExamCertificate?: boolean;
  certificateNo?: string;
  joinedOn?: Dayjs | null;
  contactForOfficeIds?: string[];
  status?: Staff['status'];
}

function StaffFormModal({
  office,
  staff,
  onClose,
  onSaved,
}: {
  office: Office;
  staff: Staff | 'new' | undefined;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<StaffFormValues>();
  const { busy, save } = useSave(form);
  const isNew = staff === 'new';
  const existing = staff && staff !== 'new' ? staff : undefined;
  const hasCert = Form.useWatch('legalExamCertificate', form);
  const areaOffices = useLoad(
    () => (office.officeClass === 'central' ? orgApi.offices().catch(() => []) : Promise.resolve([])),
    [office.id, office.officeClass],
  );
  const contactOptions = (areaOffices.data ?? [])
    .filter((o) => o.areaId === office.areaId && o.id !== office.id)
    .map((o) => ({ value: o.id, label: o.name }));

  // Fill the form the moment it opens (before the user can type), not after the open animation.
  useLayoutEffect(() => {
    if (!staff) return;
    form.resetFields();
    if (existing) {
      form.setFieldsValue({
        ...existing,
        idNumber: undefined,
        joinedOn: existing.joinedOn ? dayjs(existing.joinedOn) : null,
      });
    } else {
      form.setFieldsValue({ legalExamCertificate: false, status: 'active' });
    }
  }, [staff, form, existing]);

  const submit = async () => {
    const v = form.getFieldsValue();
    const fields = dropEmpty({
      ...v,
      idNumber: v.idNumber?.trim() || undefined,
      certificateNo: v.legalExamCertificate ? v.certificateNo : undefined,
      joinedOn: v.joinedOn ? v.joinedOn.format('YYYY-MM-DD') : undefined,
      contactForOfficeIds: v.contactForOfficeIds?.length ? v.contactForOfficeIds : undefined,
    });
    let send: () => Promise<Staff>;
    if (existing) {
      const body = { ...fields, version: existing.version };
      if (!checkWith(form, updateStaffInput, body)) return;
      send = () => orgApi.updateStaff(existing.id, body);
    } else {
      if (!checkWith(form, createStaffInput, fields)) return;
      send = () => orgApi.createStaff(office.id, fields);
    }
    await save(send, {
      done: existing ? '工作人员信息已保存' : '已新增工作人员',
      then: onSaved,
      reload: onSaved,
    });
  };

  return (
    <Modal
      title={isNew ? `新增工作人员 · ${office.name}` : `编辑工作人员 · ${existing?.name ?? ''}`}
      open={!!staff}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      okText="保存"
      okButtonProps={{ 'data-testid': 'staff-submit' } as ButtonProps}
      width={640}
      forceRender
    >
      <Form form={form} name="staff" layout="vertical" data-testid="staff-form" autoComplete="off">
        <div style={pair}>
          <Form.Item name="name" required={staffRequired('name')} label="姓名" style={half}>
            <Input maxLength={20} data-testid="staff-name" />
          </Form.Item>
          <Form.Item name="sex" required={staffRequired('sex')} label="性别" style={half}>
            <Radio.Group
              data-testid="staff-sex"
              options={SEXES.map((s) => ({ value: s, label: SEX_LABELS[s] }))}
            />
          </Form.Item>
        </div>
        <Form.Item
          name="idNumber" required={staffRequired('idNumber')}
          label="身份证号"
          extra={existing?.idNumber ? `当前：${existing.idNumber}；不修改请留空` : undefined}
        >
          <Input maxLength={18} placeholder={existing?.idNumber ? '不修改请留空' : '18位身份证号'} data-testid="staff-idNumber" />
        </Form.Item>
        <Form.Item name="phone" required={staffRequired('phone')} label="联系电话">
          <Input data-testid="staff-phone" placeholder="11位手机号或带区号的固定电话" />
        </Form.Item>
        <div style={pair}>
          <Form.Item name="post" required={staffRequired('post')} label="岗位" style={half}>
            <Select data-testid="staff-post" options={STAFF_POSTS.map((p) => ({ value: p, label: p }))} placeholder="请选择" />
          </Form.Item>
          <Form.Item name="education" required={staffRequired('education')} label="学历" style={half}>
            <Select data-testid="staff-education" options={EDUCATION_LEVELS.map((p) => ({ value: p, label: p }))} placeholder="请选择" />
          </Form.Item>
        </div>
        <div style={pair}>
          <Form.Item name="legalExamCertificate" required={staffRequired('legalExamCertificate')} label="法律职业资格证书" valuePropName="checked" style={half}>
            <Switch checkedChildren="有" unCheckedChildren="无" />
          </Form.Item>
          <Form.Item name="certificateNo" label="证书编号" required={!!hasCert} style={half} hidden={!hasCert}>
            <Input maxLength={40} />
          </Form.Item>
        </div>
        <div style={pair}>
          <Form.Item name="joinedOn" required={staffRequired('joinedOn')} label="入职日期" style={half}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="status" required={staffRequired('status')} label="在岗状态" style={half}>
            <Radio.Group options={STAFF_STATUSES.map((s) => ({ value: s, label: STAFF_STATUS_LABELS[s] }))} />
          </Form.Item>
        </div>
        {office.officeClass === 'central' && (
          <Form.Item name="contactForOfficeIds" required={staffRequired('contactForOfficeIds')} label="联系的片区司法所">
            <Select mode="multiple" options={contactOptions} placeholder="片区中心所工作人员联系的所" allowClear />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

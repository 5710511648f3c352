import { useLayoutEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { Button, Card, Descriptions, Form, Input, Modal, Select, Skeleton, Space, Tag, Typography, type ButtonProps } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { canAdministerOrg, OFFICE_CLASSES, OFFICE_CLASS_LABELS, updateOfficeInput, type Area, type Office } from '@sifasuo/domain';
import { orgApi } from './api';
import { checkWith, dropEmpty, requiredBy, useSave } from '../kit/errors';
import { useMe } from '../kit/guards';
import { Page } from '../kit/page';
import { canListOffices } from '../kit/permissions';
import { Forbidden, LoadFailed, NotFound } from '../kit/results';
import { useLoad } from '../kit/useLoad';
import { officesLabel } from './Offices';
import StaffSection from './StaffSection';

export default function OfficeDetail() {
  const { officeId = '' } = useParams();
  const me = useMe();
  const office = useLoad(() => orgApi.office(officeId), [officeId]);
  const areas = useLoad(() => orgApi.areas().catch(() => [] as Area[]), []);
  const [editing, setEditing] = useState(false);

  if (office.errorStatus === 403) return <Forbidden message="您无权查看该司法所的信息。" />;
  if (office.errorStatus === 404) return <NotFound message={office.errorMessage} />;
  if (office.errorStatus !== undefined) return <LoadFailed message={office.errorMessage ?? ''} retry={office.reload} />;
  if (!office.data) {
    return (
      <Card data-testid="office-loading">
        <Skeleton active title paragraph={{ rows: 5 }} />
      </Card>
    );
  }
  const o = office.data;
  const area = areas.data?.find((a) => a.id === o.areaId);
  const isAdmin = canAdministerOrg(me);
  // 首页 › 司法所 › 城关司法所 for those who list offices; 首页 › 城关司法所 for the office's own staff.
  const crumbs = canListOffices(me) ? [{ label: officesLabel(me), to: '/offices' }, { label: o.name }] : [{ label: o.name }];

  return (
    <Page
      title={o.name}
      crumbs={crumbs}
      extra={
        <Space wrap>
          <Tag color={o.officeClass === 'central' ? 'gold' : 'default'}>{OFFICE_CLASS_LABELS[o.officeClass]}</Tag>
          {isAdmin && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="office-edit">
              编辑
            </Button>
          )}
        </Space>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Card title="基本信息" data-testid="office-detail">
          <Descriptions
            column={{ xs: 1, md: 2, xl: 3 }}
            items={[
              { key: 'name', label: '司法所名称', children: <span data-testid="office-name">{o.name}</span> },
              { key: 'id', label: '司法所编号', children: <span data-testid="office-id">{o.id}</span> },
              { key: 'township', label: '乡镇', children: o.township },
              { key: 'area', label: '所属片区', children: area?.name ?? o.areaId },
              { key: 'class', label: '所别', children: OFFICE_CLASS_LABELS[o.officeClass] },
              { key: 'address', label: '地址', children: <span data-testid="office-address-value">{o.address || '—'}</span> },
              { key: 'phone', label: '联系电话', children: o.phone || '—' },
              { key: 'updated', label: '更新时间', children: dayjs(o.updatedAt).format('YYYY-MM-DD HH:mm') },
            ]}
          />
        </Card>
        <StaffSection office={o} />
      </Space>
      {isAdmin && (
        <OfficeEditModal
          open={editing}
          office={o}
          areas={areas.data ?? []}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            office.setData(saved);
            setEditing(false);
          }}
          reload={office.reload}
        />
      )}
    </Page>
  );
}

/** Required marks from the schema the server checks an office with. */
const officeRequired = requiredBy(updateOfficeInput);

function OfficeEditModal(props: {
  open: boolean;
  office: Office;
  areas: Area[];
  onClose: () => void;
  onSaved: (o: Office) => void;
  reload: () => void;
}) {
  const { office } = props;
  const [form] = Form.useForm();
  const { busy, save } = useSave(form);

  useLayoutEffect(() => {
    if (!props.open) return;
    form.resetFields();
    form.setFieldsValue({ ...office });
  }, [props.open, office, form]);

  const submit = async () => {
    const v = form.getFieldsValue();
    const body = { ...dropEmpty(v), version: office.version };
    if (!checkWith(form, updateOfficeInput, body)) return;
    await save(() => orgApi.updateOffice(office.id, body), {
      done: '司法所信息已保存',
      then: props.onSaved,
      reload: () => {
        props.onClose();
        props.reload();
      },
    });
  };

  return (
    <Modal
      title={`编辑司法所 · ${office.name}`}
      open={props.open}
      onOk={submit}
      onCancel={props.onClose}
      confirmLoading={busy}
      okText="保存"
      okButtonProps={{ 'data-testid': 'office-submit' } as ButtonProps}
      forceRender
    >
      <Form form={form} name="office" layout="vertical" data-testid="office-form">
        <Form.Item name="name" required={officeRequired('name')} label="司法所名称">
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="township" required={officeRequired('township')} label="乡镇名称">
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="areaId" required={officeRequired('areaId')} label="所属片区">
          <Select options={props.areas.map((a) => ({ value: a.id, label: a.name }))} />
        </Form.Item>
        <Form.Item name="officeClass" required={officeRequired('officeClass')} label="所别">
          <Select options={OFFICE_CLASSES.map((c) => ({ value: c, label: OFFICE_CLASS_LABELS[c] }))} />
        </Form.Item>
        <Form.Item name="address" required={officeRequired('address')} label="地址">
          <Input maxLength={100} data-testid="office-address" />
        </Form.Item>
        <Form.Item name="phone" required={officeRequired('phone')} label="联系电话">
          <Input />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">版本 {office.version}</Typography.Text>
    </Modal>
  );
}

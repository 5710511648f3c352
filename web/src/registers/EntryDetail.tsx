// An entry of a register (`/registers/:registerId/:entryId`): its fields as declared, the derived values
// (答复期限, 办结期限: red once past and not yet met), who registered and changed it; 修改 (the version it
// started from; a stale one gets the 409 notice with 刷新) and 撤销 with a reason, for the office's keepers.
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { App, Button, type ButtonProps, Descriptions, Flex, Form, Input, Modal } from 'antd';
import { EditOutlined, StopOutlined } from '@ant-design/icons';
import { canWriteOfficeRecords, shanghaiDateTime, withdrawEntryInput, type RegisterDescription, type RegisterEntry } from '@sifasuo/domain';
import { registersApi } from './api';
import EntryForm from './EntryForm';
import { DerivedValue, EntryStatusTag, fieldText, useCatalogue } from './shared';
import { checkWith, useSave } from '../kit/errors';
import { useMe } from '../kit/guards';
import { useScopeOffices } from '../kit/offices';
import { Page } from '../kit/page';
import { Forbidden, LoadFailed, NotFound } from '../kit/results';
import { Loading } from '../kit/loading';
import { useLoad } from '../kit/useLoad';

function WithdrawDialog({ register, entry, open, onClose, onDone }: { register: RegisterDescription; entry: RegisterEntry; open: boolean; onClose: () => void; onDone: (e: RegisterEntry) => void }) {
  const [form] = Form.useForm<{ reason?: string }>();
  const { busy, save } = useSave(form);
  const submit = async () => {
    const body = { version: entry.version, reason: form.getFieldValue('reason') ?? '' };
    if (checkWith(form, withdrawEntryInput, body)) await save(() => registersApi.withdrawEntry(register.id, entry.id, body), { done: '已撤销', then: onDone });
  };
  return (
    <Modal
      title={`撤销${register.shortName}记录`}
      open={open}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      okText="撤销"
      okButtonProps={{ danger: true, 'data-testid': 'entry-withdraw-submit' } as ButtonProps}
      forceRender
    >
      <Form form={form} layout="vertical" name="entry-withdraw">
        <Form.Item name="reason" label="撤销原因" required>
          <Input.TextArea rows={2} maxLength={200} data-testid="entry-withdraw-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Detail({ register }: { register: RegisterDescription }) {
  const { entryId = '' } = useParams();
  const me = useMe();
  const { offices, name } = useScopeOffices();
  const loaded = useLoad(() => registersApi.entry(register.id, entryId), [register.id, entryId]);
  const [editing, setEditing] = useState<RegisterEntry | undefined>();
  const [withdrawing, setWithdrawing] = useState(false);
  const { message } = App.useApp();
  if (loaded.errorStatus === 404) return <NotFound message={loaded.errorMessage} />;
  if (loaded.errorStatus === 403) return <Forbidden message={loaded.errorMessage} />;
  if (loaded.errorStatus !== undefined) return <LoadFailed message={loaded.errorMessage ?? ''} retry={loaded.reload} />;
  const entry = loaded.data;
  if (!entry) return <Loading />;
  const title = fieldText(register.fields.find((f) => f.key === register.titleField) ?? register.fields[0]!, entry[register.titleField]);
  const writable = entry.status === 'active' && canWriteOfficeRecords(me, entry.officeId);
  const office = offices.find((o) => o.id === entry.officeId);
  const changed = (e: RegisterEntry) => {
    setEditing(undefined);
    setWithdrawing(false);
    loaded.setData(e);
  };

  return (
    <Page
      title={title.length > 30 ? `${title.slice(0, 30)}…` : title}
      crumbs={[{ label: register.name, to: `/registers/${encodeURIComponent(register.id)}` }, { label: '详情' }]}
      extra={
        writable && (
          <Flex wrap gap={8}>
            <Button icon={<EditOutlined />} onClick={() => setEditing(entry)} data-testid="entry-edit">
              修改
            </Button>
            <Button danger icon={<StopOutlined />} onClick={() => setWithdrawing(true)} data-testid="entry-withdraw">
              撤销
            </Button>
          </Flex>
        )
      }
    >
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="entry-detail">
        <Descriptions.Item label="司法所">{name(entry.officeId)}</Descriptions.Item>
        <Descriptions.Item label="状态">
          <EntryStatusTag status={entry.status} />
        </Descriptions.Item>
        {register.fields.map((f) => (
          <Descriptions.Item key={f.key} label={f.label} span={f.kind === 'multiline' ? 'filled' : undefined}>
            <span data-testid={`entry-value-${f.key}`} style={{ whiteSpace: f.kind === 'multiline' ? 'pre-wrap' : undefined }}>
              {fieldText(f, entry[f.key])}
            </span>
          </Descriptions.Item>
        ))}
        {register.derived.map((d) => (
          <Descriptions.Item key={d.key} label={d.label}>
            <DerivedValue derived={d} entry={entry} />
          </Descriptions.Item>
        ))}
        <Descriptions.Item label="登记">{`${entry.createdBy} ${shanghaiDateTime(entry.createdAt)}`}</Descriptions.Item>
        <Descriptions.Item label="最后修改">{`${entry.updatedBy} ${shanghaiDateTime(entry.updatedAt)}`}</Descriptions.Item>
        {entry.status === 'withdrawn' && (
          <Descriptions.Item label="撤销原因" span="filled">
            <span data-testid="entry-withdrawn-reason">{entry.withdrawnReason ?? '—'}</span>
          </Descriptions.Item>
        )}
      </Descriptions>
      <EntryForm
        register={register}
        offices={office ? [office] : []}
        entry={editing}
        onClose={() => setEditing(undefined)}
        onSaved={changed}
        onStale={() => {
          setEditing(undefined);
          loaded.reload();
        }}
      />
      <WithdrawDialog
        register={register}
        entry={entry}
        open={withdrawing}
        onClose={() => setWithdrawing(false)}
        onDone={(e) => {
          changed(e);
          message.info('记录已撤销，其统计事实已撤回');
        }}
      />
    </Page>
  );
}

export default function EntryDetail() {
  const { registerId } = useParams();
  const catalogue = useCatalogue();
  if (catalogue.errorStatus !== undefined) return <LoadFailed message={catalogue.errorMessage ?? ''} retry={catalogue.reload} />;
  if (!catalogue.data) return <Loading />;
  const register = catalogue.data.find((d) => d.id === registerId);
  if (!register) return <NotFound message="没有这本台账。" />;
  return <Detail register={register} />;
}

// A register's entry form, generated from its declaration: one input per declared field by its kind
// (text, multiline, date, datetime, integer with its unit, choice, names as a tag list, flag, ID number,
// phone), its required mark and hint; checked with the same schema the server uses (entryInput /
// entryUpdateInput built from the declaration), the server's field messages shown beside the inputs.
// A new entry names its office; an edit sends the version it started from (a stale one: 409).
import { useLayoutEffect, useMemo } from 'react';
import { type ButtonProps, DatePicker, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { entryInput, entryUpdateInput, type Office, type RegisterDescription, type RegisterEntry, type RegisterField } from '@sifasuo/domain';
import { registersApi } from './api';
import { dayOf, instantOf, pickerInstant } from './shared';
import { checkWith, dropEmpty, type Aliases, useSave } from '../kit/errors';
import { officeSelectOptions } from '../kit/offices';

type FormValues = Record<string, unknown> & { officeId?: string };

/**
 * The input of one declared field. Form.Item hands its child `value`/`checked` and `onChange`: they are
 * passed on to the control, or the form would never hear of what is typed.
 */
function FieldInput({ field, editing, ...control }: { field: RegisterField; editing: boolean } & Record<string, unknown>) {
  const testId = `entry-field-${field.key}`;
  switch (field.kind) {
    case 'text':
      return <Input {...control} maxLength={field.max} data-testid={testId} />;
    case 'multiline':
      return <Input.TextArea {...control} rows={3} maxLength={field.max} data-testid={testId} />;
    case 'date':
      return <DatePicker {...control} style={{ width: '100%' }} data-testid={testId} />;
    case 'datetime':
      return <DatePicker {...control} showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid={testId} />;
    case 'integer':
      return <InputNumber {...control} min={field.min} max={field.max} precision={0} suffix={field.unit} style={{ width: '100%' }} data-testid={testId} />;
    case 'choice':
      return <Select {...control} options={field.options.map((o) => ({ value: o.value, label: o.label }))} placeholder="请选择" allowClear={!field.required} data-testid={testId} />;
    case 'names':
      return <Select {...control} mode="tags" placeholder="输入姓名后回车" open={false} tokenSeparators={['、', ',', '，']} data-testid={testId} />;
    case 'flag':
      return <Switch {...control} checkedChildren="是" unCheckedChildren="否" data-testid={testId} />;
    case 'idNumber':
      return <Input {...control} maxLength={18} placeholder={editing ? '留空则保持不变' : undefined} data-testid={testId} />;
    case 'phone':
      return <Input {...control} maxLength={20} data-testid={testId} />;
  }
}

/** An entry's stored value as its input holds it. */
const inputValue = (f: RegisterField, value: unknown): unknown => {
  if (value === undefined || value === null) return undefined;
  switch (f.kind) {
    case 'date':
      return typeof value === 'string' ? dayjs(value) : undefined;
    case 'datetime':
      return pickerInstant(value);
    case 'names':
      return Array.isArray(value) ? (value as { name: string }[]).map((p) => p.name) : [];
    case 'idNumber':
      return undefined; // answers carry it masked: left empty, it is kept
    default:
      return value;
  }
};

/** An input's value as the API takes it. */
const apiValue = (f: RegisterField, value: unknown): unknown => {
  switch (f.kind) {
    case 'date':
      return dayOf(value as Dayjs | undefined);
    case 'datetime':
      return instantOf(value as Dayjs | undefined);
    case 'names':
      return Array.isArray(value) ? (value as string[]).map((name) => ({ name: name.trim() })).filter((p) => p.name) : undefined;
    case 'flag':
      return value === true;
    case 'text':
    case 'multiline':
    case 'idNumber':
    case 'phone':
      return typeof value === 'string' ? value.trim() : value;
    default:
      return value;
  }
};

export default function EntryForm({
  register,
  offices,
  entry,
  onClose,
  onSaved,
  onStale,
}: {
  register: RegisterDescription;
  /** The offices the user may write (a new entry's choice). */
  offices: readonly Office[];
  /** `null`: a new entry; `undefined`: closed. */
  entry: RegisterEntry | null | undefined;
  onClose: () => void;
  onSaved: (entry: RegisterEntry) => void;
  /** An edit refused as stale (409): the notice's 刷新 loads the entry as it now is. */
  onStale?: () => void;
}) {
  const [form] = Form.useForm<FormValues>();
  const { busy, save } = useSave(form);
  const open = entry !== undefined;
  const editing = !!entry;
  const schemas = useMemo(() => ({ create: entryInput(register), update: entryUpdateInput(register) }), [register]);
  // A list's messages (`visitors.0.name`) belong beside the list's input.
  const aliases = useMemo<Aliases>(
    () => Object.fromEntries(register.fields.filter((f) => f.kind === 'names').flatMap((f) => Array.from({ length: f.kind === 'names' ? f.max : 0 }, (_, i) => [`${f.key}.${i}.name`, f.key]))),
    [register],
  );

  // A new entry of the one office the user keeps starts with it (a string: the effect runs only as the form opens).
  const onlyOffice = offices.length === 1 ? offices[0]!.id : undefined;
  useLayoutEffect(() => {
    if (!open) return;
    form.resetFields();
    if (entry) form.setFieldsValue(Object.fromEntries(register.fields.map((f) => [f.key, inputValue(f, entry[f.key])])));
    else form.setFieldsValue({ officeId: onlyOffice });
  }, [open, entry, form, onlyOffice, register]);

  const submit = async () => {
    const v = form.getFieldsValue();
    const fields = dropEmpty(Object.fromEntries(register.fields.map((f) => [f.key, apiValue(f, v[f.key])])));
    // An optional list left empty is no list.
    for (const f of register.fields) if (f.kind === 'names' && !f.required && Array.isArray(fields[f.key]) && !(fields[f.key] as unknown[]).length) delete fields[f.key];
    if (entry) {
      const body = { ...fields, version: entry.version };
      if (!checkWith(form, schemas.update, body, aliases)) return;
      await save(() => registersApi.updateEntry(register.id, entry.id, body), { done: `${register.shortName}已保存`, then: onSaved, aliases, reload: onStale });
    } else {
      const body = { ...fields, officeId: v.officeId };
      if (!checkWith(form, schemas.create, body, aliases)) return;
      await save(() => registersApi.createEntry(register.id, body), { done: `${register.shortName}已登记`, then: onSaved, aliases });
    }
  };

  return (
    <Modal
      title={`${editing ? '修改' : '登记'}${register.shortName}`}
      open={open}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      okText="保存"
      okButtonProps={{ 'data-testid': 'entry-submit' } as ButtonProps}
      width={720}
      forceRender
    >
      <Form form={form} name={`entry-${register.id}`} layout="vertical" autoComplete="off" data-testid="entry-form">
        {!editing && (
          <Form.Item name="officeId" label="司法所" required>
            <Select options={officeSelectOptions(offices)} placeholder="请选择" data-testid="entry-office" />
          </Form.Item>
        )}
        <div style={{ display: 'flex', flexWrap: 'wrap', columnGap: 16 }}>
          {register.fields.map((f) => (
            <Form.Item
              key={f.key}
              name={f.key}
              label={f.label}
              required={f.required}
              extra={f.hint}
              valuePropName={f.kind === 'flag' ? 'checked' : 'value'}
              // Long texts and lists take the whole row; the short ones pair up on a wide screen.
              style={f.kind === 'multiline' || f.kind === 'names' ? { flex: '1 1 100%', minWidth: 0 } : { flex: '1 1 200px', minWidth: 0 }}
            >
              <FieldInput field={f} editing={editing} />
            </Form.Item>
          ))}
        </div>
      </Form>
    </Modal>
  );
}

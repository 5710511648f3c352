import { useCallback, useEffect, useState } from 'react';
import { useBlocker } from 'react-router-dom';
import { Button, type ButtonProps, Form, Input, InputNumber, Modal, Popconfirm, Space, Spin, Switch, Tabs, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  canonicalJson,
  DICTIONARY_LABELS,
  DICTIONARY_NAMES,
  updateDictionaryInput,
  type Dictionary,
  type DictionaryEntry,
  type DictionaryName,
} from '@sifasuo/domain';
import { orgApi } from './api';
import { checkWith, useSave } from '../kit/errors';
import { Page } from '../kit/page';
import { ResponsiveTable, type ResponsiveColumn } from '../kit/ResponsiveTable';
import { Forbidden, LoadFailed } from '../kit/results';
import { useLoad } from '../kit/useLoad';

const LEAVE_WARNING = '有未保存的修改，离开后将丢失。确定离开吗？';

/**
 * Asks before the page is left while `dirty`: inside the portal (react-router's blocker, a dialog) and
 * when the tab is closed or reloaded (the browser's own beforeunload prompt).
 */
function useLeaveWarning(dirty: boolean) {
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = LEAVE_WARNING;
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  return (
    <Modal
      open={blocker.state === 'blocked'}
      title="离开此页面？"
      okText="离开"
      okButtonProps={{ danger: true, 'data-testid': 'leave-confirm' } as ButtonProps}
      cancelText="留在此页"
      cancelButtonProps={{ 'data-testid': 'leave-cancel' } as ButtonProps}
      onOk={() => blocker.proceed?.()}
      onCancel={() => blocker.reset?.()}
    >
      <div data-testid="leave-warning">{LEAVE_WARNING}</div>
    </Modal>
  );
}

/** Editable dictionaries (纠纷类型, 案件来源, 档案保管期限), county admin only. */
export default function Dictionaries() {
  const dicts = useLoad(() => orgApi.dictionaries(), []);
  /** The dictionaries with edits not yet saved. */
  const [unsaved, setUnsaved] = useState<ReadonlySet<DictionaryName>>(new Set());
  const markUnsaved = useCallback(
    (name: DictionaryName, dirty: boolean) =>
      setUnsaved((prev) => {
        if (prev.has(name) === dirty) return prev;
        const next = new Set(prev);
        if (dirty) next.add(name);
        else next.delete(name);
        return next;
      }),
    [],
  );
  const leaveWarning = useLeaveWarning(unsaved.size > 0);

  if (dicts.errorStatus === 403) return <Forbidden message={dicts.errorMessage} />;
  if (dicts.errorStatus !== undefined) return <LoadFailed message={dicts.errorMessage ?? ''} retry={dicts.reload} />;
  return (
    <Page title="数据字典">
      {leaveWarning}
      {!dicts.data ? (
        <Spin style={{ display: 'block', margin: '10vh auto' }} />
      ) : (
        <Tabs
          items={[...dicts.data]
            .sort((a, b) => DICTIONARY_NAMES.indexOf(a.name) - DICTIONARY_NAMES.indexOf(b.name))
            .map((d) => ({
              key: d.name,
              label: `${DICTIONARY_LABELS[d.name] ?? d.label}${unsaved.has(d.name) ? ' *' : ''}`,
              children: (
                <DictionaryEditor
                  key={`${d.name}-${d.version}`}
                  dictionary={d}
                  onDirty={markUnsaved}
                  onSaved={(saved) => dicts.setData(dicts.data!.map((x) => (x.name === saved.name ? saved : x)))}
                  reload={dicts.reload}
                />
              ),
            }))}
        />
      )}
    </Page>
  );
}

/** The entries as the API takes them, from what the form holds (blank years left out). */
const entriesOf = (values: Partial<DictionaryEntry>[] | undefined, withYears: boolean): DictionaryEntry[] =>
  (values ?? []).map((e) => ({
    code: (e?.code ?? '').trim(),
    label: e?.label ?? '',
    active: e?.active !== false,
    ...(withYears && e?.years !== undefined && e?.years !== null ? { years: e.years } : {}),
  }));

interface Row {
  key: number;
  name: number;
  index: number;
}

function DictionaryEditor({
  dictionary,
  onDirty,
  onSaved,
  reload,
}: {
  dictionary: Dictionary;
  onDirty: (name: DictionaryName, dirty: boolean) => void;
  onSaved: (d: Dictionary) => void;
  reload: () => void;
}) {
  const [form] = Form.useForm<{ entries: DictionaryEntry[] }>();
  const { busy, save } = useSave(form);
  const withYears = dictionary.name === 'retention-periods';
  const watched = Form.useWatch('entries', form) as Partial<DictionaryEntry>[] | undefined;
  // Dirty when what the form holds differs from what was loaded (an edit undone is not a change).
  const dirty = watched !== undefined && canonicalJson(entriesOf(watched, withYears)) !== canonicalJson(entriesOf(dictionary.entries, withYears));
  useEffect(() => onDirty(dictionary.name, dirty), [dirty, dictionary.name, onDirty]);
  // A saved or reloaded dictionary remounts this editor with the new version: nothing is left unsaved.
  useEffect(() => () => onDirty(dictionary.name, false), [dictionary.name, onDirty]);

  const submit = async () => {
    const body = { entries: entriesOf(form.getFieldValue('entries') as Partial<DictionaryEntry>[], withYears), version: dictionary.version };
    if (!checkWith(form, updateDictionaryInput, body)) return;
    await save(() => orgApi.updateDictionary(dictionary.name, body), {
      done: `${DICTIONARY_LABELS[dictionary.name]}已保存`,
      then: onSaved,
      reload,
    });
  };

  return (
    <Form form={form} name={dictionary.name} initialValues={{ entries: dictionary.entries }} autoComplete="off" data-testid={`dict-${dictionary.name}`}>
      <Typography.Paragraph type="secondary">
        编码保存后请勿随意修改（已有记录引用编码）；不再使用的条目可停用而不是删除。
      </Typography.Paragraph>
      <Form.List name="entries">
        {(fields, { add, remove }) => {
          const columns: ResponsiveColumn<Row>[] = [
            { title: '序号', key: 'index', width: 56, render: (_: unknown, r: Row) => r.index + 1, cardTitle: true },
            {
              title: '编码',
              key: 'code',
              render: (_: unknown, r: Row) => (
                <Form.Item name={[r.name, 'code']} style={{ margin: 0 }}>
                  <Input aria-label={`第${r.index + 1}条编码`} placeholder="如 dt-16" style={{ width: '100%', minWidth: 120 }} />
                </Form.Item>
              ),
            },
            {
              title: '名称',
              key: 'label',
              render: (_: unknown, r: Row) => (
                <Form.Item name={[r.name, 'label']} style={{ margin: 0 }}>
                  <Input aria-label={`第${r.index + 1}条名称`} style={{ width: '100%', minWidth: 160 }} />
                </Form.Item>
              ),
            },
            ...(withYears
              ? [
                  {
                    title: '保管年限',
                    key: 'years',
                    render: (_: unknown, r: Row) => (
                      <Form.Item name={[r.name, 'years']} style={{ margin: 0 }}>
                        <InputNumber aria-label={`第${r.index + 1}条保管年限`} placeholder="0为永久" min={0} max={100} style={{ width: 120 }} />
                      </Form.Item>
                    ),
                  },
                ]
              : []),
            {
              title: '状态',
              key: 'active',
              render: (_: unknown, r: Row) => (
                <Form.Item name={[r.name, 'active']} valuePropName="checked" style={{ margin: 0 }}>
                  <Switch aria-label={`第${r.index + 1}条状态`} checkedChildren="启用" unCheckedChildren="停用" />
                </Form.Item>
              ),
            },
            {
              title: '操作',
              key: 'actions',
              render: (_: unknown, r: Row) => (
                <Popconfirm
                  title="删除此条目？"
                  description="保存后生效；已有记录引用的条目建议停用。"
                  okText="删除"
                  okButtonProps={{ danger: true, 'data-testid': 'dict-delete-confirm' } as ButtonProps}
                  cancelText="取消"
                  cancelButtonProps={{ 'data-testid': 'dict-delete-cancel' } as ButtonProps}
                  onConfirm={() => remove(r.name)}
                >
                  <Button type="text" danger icon={<DeleteOutlined />} data-testid={`dict-delete-${r.index}`}>
                    删除
                  </Button>
                </Popconfirm>
              ),
            },
          ];
          return (
            <>
              <ResponsiveTable<Row>
                rowKey="key"
                size="small"
                pagination={false}
                dataSource={fields.map((f, index) => ({ key: f.key, name: f.name, index }))}
                columns={columns}
                data-testid={`dict-table-${dictionary.name}`}
              />
              <Space wrap style={{ marginTop: 12 }}>
                <Button icon={<PlusOutlined />} onClick={() => add({ code: '', label: '', active: true })} data-testid="dict-add">
                  添加条目
                </Button>
                <Button type="primary" loading={busy} onClick={submit} data-testid="dict-save">
                  保存
                </Button>
                {dirty && <Typography.Text type="warning" data-testid="dict-unsaved">有未保存的修改</Typography.Text>}
              </Space>
            </>
          );
        }}
      </Form.List>
    </Form>
  );
}

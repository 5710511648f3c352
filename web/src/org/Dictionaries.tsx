import { Button, Card, Form, Input, InputNumber, Space, Spin, Switch, Tabs, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { DICTIONARY_LABELS, DICTIONARY_NAMES, updateDictionaryInput, type Dictionary, type DictionaryEntry } from '@sifasuo/domain';
import { orgApi } from './api';
import { checkWith, useSave } from '../kit/errors';
import { Forbidden, LoadFailed } from '../kit/results';
import { useLoad } from '../kit/useLoad';

/** Editable dictionaries (纠纷类型, 案件来源, 档案保管期限), county admin only. */
export default function Dictionaries() {
  const dicts = useLoad(() => orgApi.dictionaries(), []);
  if (dicts.errorStatus === 403) return <Forbidden message={dicts.errorMessage} />;
  if (dicts.errorStatus !== undefined) return <LoadFailed message={dicts.errorMessage ?? ''} retry={dicts.reload} />;
  if (!dicts.data) return <Spin style={{ display: 'block', margin: '10vh auto' }} />;
  return (
    <Card title="数据字典">
      <Tabs
        items={[...dicts.data].sort((a, b) => DICTIONARY_NAMES.indexOf(a.name) - DICTIONARY_NAMES.indexOf(b.name)).map((d) => ({
          key: d.name,
          label: DICTIONARY_LABELS[d.name] ?? d.label,
          children: (
            <DictionaryEditor
              key={`${d.name}-${d.version}`}
              dictionary={d}
              onSaved={(saved) => dicts.setData(dicts.data!.map((x) => (x.name === saved.name ? saved : x)))}
              reload={dicts.reload}
            />
          ),
        }))}
      />
    </Card>
  );
}

function DictionaryEditor({ dictionary, onSaved, reload }: { dictionary: Dictionary; onSaved: (d: Dictionary) => void; reload: () => void }) {
  const [form] = Form.useForm<{ entries: DictionaryEntry[] }>();
  const { busy, save } = useSave(form);
  const withYears = dictionary.name === 'retention-periods';

  const submit = async () => {
    const entries = (form.getFieldValue('entries') as Partial<DictionaryEntry>[]).map((e) => ({
      code: (e.code ?? '').trim(),
      label: e.label ?? '',
      active: e.active !== false,
      ...(withYears && e.years !== undefined && e.years !== null ? { years: e.years } : {}),
    }));
    const body = { entries, version: dictionary.version };
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
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, i) => (
              <Space key={field.key} align="start" wrap style={{ display: 'flex', marginBottom: 4 }}>
                <Typography.Text type="secondary" style={{ display: 'inline-block', width: 28, lineHeight: '32px' }}>
                  {i + 1}
                </Typography.Text>
                <Form.Item name={[field.name, 'code']} style={{ marginBottom: 12 }}>
                  <Input placeholder="编码" style={{ width: 140 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'label']} style={{ marginBottom: 12 }}>
                  <Input placeholder="名称" style={{ width: 200 }} />
                </Form.Item>
                {withYears && (
                  <Form.Item name={[field.name, 'years']} style={{ marginBottom: 12 }}>
                    <InputNumber placeholder="年限（0为永久）" min={0} max={100} style={{ width: 150 }} />
                  </Form.Item>
                )}
                <Form.Item name={[field.name, 'active']} valuePropName="checked" style={{ marginBottom: 12 }}>
                  <Switch checkedChildren="启用" unCheckedChildren="停用" />
                </Form.Item>
                <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} title="删除" />
              </Space>
            ))}
            <Space>
              <Button icon={<PlusOutlined />} onClick={() => add({ code: '', label: '', active: true })}>
                添加条目
              </Button>
              <Button type="primary" loading={busy} onClick={submit} data-testid="dict-save">
                保存
              </Button>
            </Space>
          </>
        )}
      </Form.List>
    </Form>
  );
}

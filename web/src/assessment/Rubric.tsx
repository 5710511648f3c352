// 评分细则: a year's rubric by section — each item's id, name, points, rule in words and months — and
// its saved versions. The county admin edits points, descriptions, the rules' parameters, the sections'
// departments and the bonus presets, and saves with the version read (a stale one: 409, reload).
import { useEffect, useState } from 'react';
import { Button, Card, Flex, Form, Input, InputNumber, Select, Space, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { FACT_KIND_LABELS, OFFICE_CLASS_LABELS, rubricInput, type Rubric, type RubricInput, type RubricItem, type RubricRule, type FactFilter } from '@sifasuo/domain';
import { assessmentApi } from './api';
import { canEditRubric } from './permissions';
import { pts, thisYear, when, YearPicker } from './shared';
import { checkWith, useSave } from '../kit/errors';
import { useMe } from '../kit/guards';
import { Page } from '../kit/page';
import { ResponsiveTable } from '../kit/ResponsiveTable';
import { Forbidden, LoadFailed } from '../kit/results';
import { useLoad } from '../kit/useLoad';

const TIMING = { any: '', 'on-time': '（按时）', late: '（逾期）' } as const;
const filterText = (f: FactFilter) => `${FACT_KIND_LABELS[f.kind] ?? f.kind}${TIMING[f.timing ?? 'any']}${f.minQuantity !== undefined ? `（数量≥${f.minQuantity}）` : ''}`;

/** A rule in words, from its parameters (the description says it in the county's own words). */
export const ruleText = (rule: RubricRule): string => {
  switch (rule.type) {
    case 'deadline':
      return `次月${rule.dueDay}日前报送得满分，${rule.lateDay}日前得${pts(rule.latePoints)}分，逾期或未报0分（${FACT_KIND_LABELS[rule.kind] ?? rule.kind}）`;
    case 'quota': {
      const target = typeof rule.target === 'number' ? `${rule.target}` : Object.entries(rule.target).map(([c, n]) => `${OFFICE_CLASS_LABELS[c as keyof typeof OFFICE_CLASS_LABELS]}${n}`).join('，');
      return `按完成数 ÷ 指标（${target}）计分，最高满分：${rule.count.map(filterText).join('、')}`;
    }
    case 'rate':
      return `${filterText(rule.numerator)} ÷ ${filterText(rule.denominator)}${rule.bands ? `，${rule.bands.map((b) => `≥${Math.round(b.atLeast * 100)}% ${pts(b.points)}分`).join('，')}` : '，按比例计分'}；无数据不计`;
    case 'penalty':
      return `${rule.per.map((p) => `${filterText(p.count)}${p.unmatchedBy ? '且未上报' : ''}每起扣${pts(p.points)}分`).join('；')}，扣完为止`;
    case 'manual':
      return '由股室按月评定';
  }
};

const monthsText = (m?: number[]) => (m ? m.map((x) => `${x}月`).join('、') : '每月');

function RubricView({ rubric, departmentName }: { rubric: Rubric; departmentName: (id: string) => string }) {
  return (
    <Flex vertical gap={16}>
      {rubric.sections.map((s) => {
        const items = rubric.items.filter((i) => i.section === s.id);
        return (
          <Card key={s.id} size="small" title={`${s.id} ${s.name}（${pts(items.reduce((t, i) => t + i.points, 0))}分）`} data-testid="rubric-section">
            <Flex wrap gap={4} style={{ marginBottom: 8 }}>
              <Typography.Text type="secondary">负责股室：</Typography.Text>
              {s.departments.map((d) => <Tag key={d}>{departmentName(d)}</Tag>)}
            </Flex>
            <ResponsiveTable<RubricItem>
              rowKey="id" size="small" pagination={false} dataSource={items}
              columns={[
                { title: '评分项', dataIndex: 'name', cardTitle: true, render: (n: string, i) => `${i.id} ${n}` },
                { title: '分值', dataIndex: 'points', render: pts, width: 56 },
                { title: '适用月份', dataIndex: 'months', render: monthsText },
                { title: '评分规则', key: 'rule', render: (_: unknown, i) => <Flex vertical><span>{i.description}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}>{ruleText(i.rule)}</Typography.Text></Flex> },
              ]}
            />
          </Card>
        );
      })}
      <Card size="small" title={`X 加分（每月最高${pts(rubric.bonus.cap)}分）`} data-testid="rubric-bonus">
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {rubric.bonus.presets.map((p) => <li key={p.id}>{p.label}：{pts(p.points)}分</li>)}
        </ul>
      </Card>
    </Flex>
  );
}

/** The parameters of an item's rule, by its type. */
function RuleFields({ index, rule }: { index: number; rule: RubricRule }) {
  const at = (...path: (string | number)[]) => ['items', index, 'rule', ...path];
  const num = (path: (string | number)[], label: string, props: object = {}) => (
    <Form.Item key={path.join('.')} name={at(...path)} label={label} style={{ marginBottom: 8 }}>
      <InputNumber style={{ width: 110 }} {...props} />
    </Form.Item>
  );
  switch (rule.type) {
    case 'deadline':
      return <Flex wrap gap={8}>{num(['dueDay'], '按时截止日', { min: 1, max: 28 })}{num(['lateDay'], '迟报截止日', { min: 1, max: 28 })}{num(['latePoints'], '迟报得分', { min: 0, step: 0.5 })}</Flex>;
    case 'quota':
      return typeof rule.target === 'number'
        ? num(['target'], '指标', { min: 0 })
        : <Flex wrap gap={8}>{num(['target', 'central'], '指标（中心所）', { min: 0 })}{num(['target', 'regular'], '指标（一般所）', { min: 0 })}</Flex>;
    case 'rate':
      return rule.bands ? <Flex wrap gap={8}>{rule.bands.flatMap((_, b) => [num(['bands', b, 'atLeast'], `档${b + 1}比例`, { min: 0, max: 1, step: 0.05 }), num(['bands', b, 'points'], `档${b + 1}得分`, { min: 0, step: 0.5 })])}</Flex> : null;
    case 'penalty':
      return <Flex wrap gap={8}>{rule.per.map((p, k) => num(['per', k, 'points'], `${FACT_KIND_LABELS[p.count.kind] ?? p.count.kind}每起扣分`, { min: 0.5, step: 0.5 }))}</Flex>;
    default:
      return null;
  }
}

function RubricEditor({ rubric, year, departments, onSaved, onCancel, reload }: {
  rubric: Rubric; year: number; departments: { value: string; label: string }[]; onSaved: () => void; onCancel: () => void; reload: () => void;
}) {
  const [form] = Form.useForm<RubricInput>();
  const { busy, save } = useSave(form);
  useEffect(() => {
    form.setFieldsValue({ version: rubric.version, sections: rubric.sections, items: rubric.items, bonus: rubric.bonus, note: '' });
  }, [rubric, form]);
  const submit = async () => {
    // Every value, the rules' untouched parts included (only some inputs are on the form).
    const body = form.getFieldsValue(true) as RubricInput;
    const input = { ...body, note: body.note?.trim() ?? '' };
    if (checkWith(form, rubricInput, input)) await save(() => assessmentApi.saveRubric(year, input), { done: '评分细则已保存', then: onSaved, reload });
  };
  return (
    <Form form={form} layout="vertical" name="rubric" autoComplete="off" data-testid="rubric-form">
      <Flex vertical gap={16}>
        {rubric.sections.map((s, si) => (
          <Card key={s.id} size="small" title={`${s.id} ${s.name}`}>
            <Flex wrap gap={8}>
              <Form.Item name={['sections', si, 'name']} label="大项名称" style={{ marginBottom: 8, minWidth: 200 }}>
                <Input maxLength={30} />
              </Form.Item>
              <Form.Item name={['sections', si, 'departments']} label="负责股室" style={{ marginBottom: 8, minWidth: 240, flex: 1 }}>
                <Select mode="multiple" options={departments} data-testid={`rubric-departments-${s.id}`} />
              </Form.Item>
            </Flex>
            {rubric.items.map((item, ii) => item.section !== s.id ? null : (
              <Card key={item.id} type="inner" size="small" title={`${item.id} ${item.name}`} style={{ marginTop: 8 }}>
                <Flex wrap gap={8}>
                  <Form.Item name={['items', ii, 'points']} label="分值" style={{ marginBottom: 8 }}>
                    <InputNumber min={0.5} max={100} step={0.5} style={{ width: 100 }} data-testid={`rubric-points-${item.id}`} />
                  </Form.Item>
                  <Form.Item name={['items', ii, 'description']} label="评分规则说明" style={{ marginBottom: 8, flex: 1, minWidth: 220 }}>
                    <Input.TextArea rows={2} maxLength={200} data-testid={`rubric-description-${item.id}`} />
                  </Form.Item>
                </Flex>
                <RuleFields index={ii} rule={item.rule} />
              </Card>
            ))}
          </Card>
        ))}
        <Card size="small" title="X 加分">
          <Form.Item name={['bonus', 'cap']} label="每月加分上限" style={{ marginBottom: 8 }}>
            <InputNumber min={0} max={20} step={0.5} style={{ width: 110 }} />
          </Form.Item>
          <Form.List name={['bonus', 'presets']}>
            {(fields, { add, remove }) => (
              <Flex vertical gap={4}>
                {fields.map((f) => (
                  <Space key={f.key} wrap align="start">
                    <Form.Item name={[f.name, 'id']} label="代码" style={{ marginBottom: 8 }}>
                      <Input maxLength={40} style={{ width: 140 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'label']} label="加分事由" style={{ marginBottom: 8 }}>
                      <Input maxLength={60} style={{ width: 200 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'points']} label="分值" style={{ marginBottom: 8 }}>
                      <InputNumber min={0.5} max={10} step={0.5} style={{ width: 90 }} />
                    </Form.Item>
                    <Button type="text" aria-label="删除该加分项" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} style={{ marginTop: 30 }} />
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ id: '', label: '', points: 1 })} style={{ alignSelf: 'flex-start' }}>添加加分项</Button>
              </Flex>
            )}
          </Form.List>
        </Card>
        <Form.Item name="note" label="修订说明" required>
          <Input.TextArea rows={2} maxLength={200} data-testid="rubric-note" />
        </Form.Item>
        <Flex gap={8}>
          <Button type="primary" onClick={submit} loading={busy} data-testid="rubric-save">保存新版本</Button>
          <Button onClick={onCancel}>取消</Button>
        </Flex>
      </Flex>
    </Form>
  );
}

export default function RubricPage() {
  const me = useMe();
  const [year, setYear] = useState(thisYear());
  const [version, setVersion] = useState<number>();
  const [editing, setEditing] = useState(false);
  const loaded = useLoad(() => assessmentApi.rubric(year, version === undefined ? {} : { version }), [year, version]);
  const departments = useLoad(() => assessmentApi.departments(), []);
  const departmentName = (id: string) => departments.data?.find((d) => d.id === id)?.name ?? id;
  if (loaded.errorStatus === 403) return <Forbidden message={loaded.errorMessage} />;
  if (loaded.errorStatus !== undefined) return <LoadFailed message={loaded.errorMessage ?? ''} retry={loaded.reload} />;
  const data = loaded.data;
  const rubric = data?.current;
  const latest = data?.versions.reduce((m, v) => Math.max(m, v.version), 0) ?? 0;
  const actions = (
    <Flex wrap gap={8}>
      <YearPicker value={year} onChange={(y) => { setYear(y); setVersion(undefined); setEditing(false); }} testId="rubric-year" />
      {data && data.versions.length > 0 && (
        <Select
          aria-label="版本"
          style={{ width: 220 }}
          value={rubric?.version}
          onChange={(v: number) => { setVersion(v); setEditing(false); }}
          options={[...data.versions].sort((a, b) => b.version - a.version).map((v) => ({ value: v.version, label: `第${v.version}版 ${v.savedAt ? when(v.savedAt) : ''}` }))}
          data-testid="rubric-version"
        />
      )}
      {canEditRubric(me) && rubric && !editing && (
        <Button type="primary" onClick={() => { setVersion(undefined); setEditing(true); }} disabled={rubric.version !== latest} data-testid="rubric-edit">
          修订
        </Button>
      )}
    </Flex>
  );
  return (
    <Page title="评分细则" extra={actions}>
      {rubric && (
        <Typography.Paragraph type="secondary" data-testid="rubric-meta">
          {year}年 {rubric.version === 0 ? '默认评分细则' : `第${rubric.version}版`}：{rubric.note}
          {rubric.savedAt && `（${rubric.savedBy ?? ''} ${when(rubric.savedAt)}）`}
        </Typography.Paragraph>
      )}
      {rubric && (editing ? (
        <RubricEditor
          rubric={rubric}
          year={year}
          departments={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
          onSaved={() => { setEditing(false); loaded.reload(); }}
          onCancel={() => setEditing(false)}
          reload={() => { setEditing(false); loaded.reload(); }}
        />
      ) : (
        <RubricView rubric={rubric} departmentName={departmentName} />
      ))}
    </Page>
  );
}

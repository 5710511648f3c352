import { useEffect, useState } from 'react';
import { Button, DatePicker, Form, Grid, Input, Select, Switch, Table, Tag, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import type { z } from 'zod';
import {
  AUDIT_OUTCOME_LABELS,
  AUDIT_TARGET_TYPE_LABELS,
  auditActionLabel,
  auditChanges,
  auditQuery,
  auditTargetText,
  ROLE_LABELS,
  shanghaiDateTime,
  type AuditChange,
  type AuditOutcome,
  type AuditRecord,
  type Role,
} from '@sifasuo/domain';
import { isApiError } from '../kit/api';
import { auditApi } from './api';
import { checkWith, dropEmpty, useReportError } from '../kit/errors';
import { Page } from '../kit/page';
import { ResponsiveTable, type ResponsiveColumn } from '../kit/ResponsiveTable';
import { Forbidden } from '../kit/results';

const OUTCOME_COLORS: Record<AuditOutcome, string> = { success: 'green', denied: 'red', rejected: 'orange', failed: 'volcano' };

const TARGET_TYPE_OPTIONS = Object.entries(AUDIT_TARGET_TYPE_LABELS).map(([value, label]) => ({ value, label }));

interface Filters {
  range?: [Dayjs, Dayjs];
  actor?: string;
  targetType?: string;
  targetId?: string;
  hideOwnQueries?: boolean;
}

/** The schema's `from`/`to` are the one range input here. */
const RANGE = { from: 'range', to: 'range' };

/** The query as sent (the schema's input: `excludeOwnQueries` is the string `true`). */
type AuditQuery = z.input<typeof auditQuery>;

/** Old values struck through on red, new ones on green: what changed is seen at a glance. */
const OLD_STYLE = { background: '#fff1f0', textDecoration: 'line-through', padding: '0 4px', overflowWrap: 'anywhere' } as const;
const NEW_STYLE = { background: '#f6ffed', padding: '0 4px', overflowWrap: 'anywhere' } as const;

/** The changed fields of a record: a table on a wide screen, label–value lines on a phone. */
function Changes({ record, compact }: { record: AuditRecord; compact: boolean }) {
  const { sides, rows } = auditChanges(record);
  if (sides === 'none') return null;
  if (rows.length === 0) return <Typography.Text type="secondary">无字段变化</Typography.Text>;
  if (compact) {
    return (
      <div data-testid="audit-changes">
        {rows.map((r) => (
          <div key={r.field} style={{ padding: '2px 0', overflowWrap: 'anywhere' }}>
            <Typography.Text type="secondary">{r.label}：</Typography.Text>
            {r.before !== undefined && <span style={sides === 'both' ? OLD_STYLE : undefined} data-testid="audit-change-before">{r.before}</span>}
            {sides === 'both' && ' → '}
            {r.after !== undefined && <span style={sides === 'both' ? NEW_STYLE : undefined} data-testid="audit-change-after">{r.after}</span>}
          </div>
        ))}
      </div>
    );
  }
  const highlight = sides === 'both';
  return (
    <Table<AuditChange>
      data-testid="audit-changes"
      rowKey="field"
      size="small"
      pagination={false}
      dataSource={rows}
      style={{ maxWidth: 960 }}
      columns={[
        { title: '字段', dataIndex: 'label', width: 160 },
        ...(record.before !== undefined
          ? [{ title: '原值', dataIndex: 'before', render: (v: string) => <span style={highlight ? OLD_STYLE : undefined} data-testid="audit-change-before">{v}</span> }]
          : []),
        ...(record.after !== undefined
          ? [{ title: '新值', dataIndex: 'after', render: (v: string) => <span style={highlight ? NEW_STYLE : undefined} data-testid="audit-change-after">{v}</span> }]
          : []),
      ]}
    />
  );
}

/** The audit log (auditor only): filter by time, actor, target and outcome of own queries; page with 加载更多. */
export default function Audit() {
  const [form] = Form.useForm<Filters>();
  const phone = Grid.useBreakpoint().md === false;
  const [items, setItems] = useState<AuditRecord[]>([]);
  const [cursor, setCursor] = useState<string>();
  const [query, setQuery] = useState<AuditQuery>();
  const [loading, setLoading] = useState(false);
  /** The server's refusal (403): the page guard only hides the page, the server decides. */
  const [refused, setRefused] = useState<string>();
  const report = useReportError();

  const fetchPage = async (q: AuditQuery, after?: string) => {
    setLoading(true);
    try {
      const page = await auditApi.records({ ...q, limit: 50, cursor: after });
      setItems((prev) => (after ? [...prev, ...page.items] : page.items));
      setCursor(page.cursor);
      setQuery(q);
    } catch (e) {
      if (isApiError(e) && e.status === 403) setRefused(e.message);
      else report(e, { form, aliases: RANGE });
    } finally {
      setLoading(false);
    }
  };

  const search = () => {
    const v = form.getFieldsValue();
    // The picker shows minutes: the range covers whole minutes, so 10:00–11:00 includes 11:00:59.
    const q = dropEmpty({
      from: v.range?.[0]?.startOf('minute').toISOString() ?? '',
      to: v.range?.[1]?.endOf('minute').toISOString() ?? '',
      actor: v.actor?.trim(),
      targetType: v.targetType,
      targetId: v.targetId?.trim(),
      excludeOwnQueries: v.hideOwnQueries ? 'true' : undefined,
    });
    if (!checkWith(form, auditQuery, q, RANGE)) return;
    void fetchPage(q);
  };

  useEffect(() => {
    form.setFieldsValue({ range: [dayjs().subtract(7, 'day').startOf('day'), dayjs().endOf('day')] });
    search();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (refused !== undefined) return <Forbidden message={refused} />;

  const columns: ResponsiveColumn<AuditRecord>[] = [
    { title: '时间', dataIndex: 'at', cardTitle: true, render: (at: string) => <span style={{ whiteSpace: 'nowrap' }}>{shanghaiDateTime(at, 'second')}</span> },
    { title: '操作人', dataIndex: 'actor' },
    { title: '角色', dataIndex: 'roles', render: (roles: string[]) => roles.map((r) => ROLE_LABELS[r as Role] ?? r).join('、') || '—' },
    { title: '操作', dataIndex: 'action', render: (a: string) => <span title={a}>{auditActionLabel(a)}</span> },
    { title: '对象', key: 'target', render: (_: unknown, r: AuditRecord) => auditTargetText(r) },
    {
      title: '结果',
      dataIndex: 'outcome',
      render: (o: AuditOutcome) => <Tag color={OUTCOME_COLORS[o]}>{AUDIT_OUTCOME_LABELS[o] ?? o}</Tag>,
    },
    {
      title: '原因',
      dataIndex: 'reason',
      render: (reason?: string) =>
        reason ? (
          <Typography.Text style={{ maxWidth: phone ? undefined : 240 }} ellipsis={phone ? false : { tooltip: reason }}>
            {reason}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    { title: '来源IP', dataIndex: 'sourceIp', render: (ip?: string) => ip ?? '—' },
    // On a phone there are no expandable rows: the changes are part of the card.
    ...(phone
      ? [{ title: '变更', key: 'changes', render: (_: unknown, r: AuditRecord) => (r.before === undefined && r.after === undefined ? '—' : <Changes record={r} compact />) }]
      : []),
  ];

  return (
    <Page title="审计日志">
      <Form
        form={form}
        layout={phone ? 'vertical' : 'inline'}
        onFinish={search}
        data-testid="audit-filters"
        style={{ rowGap: 12, marginBottom: 16 }}
      >
        <Form.Item name="range" label="时间范围">
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            allowClear={false}
            style={phone ? { width: '100%' } : undefined}
            data-testid="audit-range"
          />
        </Form.Item>
        <Form.Item name="actor" label="操作人">
          <Input placeholder="用户名" allowClear style={{ width: phone ? '100%' : 140 }} />
        </Form.Item>
        <Form.Item name="targetType" label="对象类型">
          {/* Every context adds its types: searchable, and not virtual (a few dozen options, all in the list for screen readers). */}
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            virtual={false}
            placeholder="全部"
            options={TARGET_TYPE_OPTIONS}
            style={{ width: phone ? '100%' : 150 }}
            data-testid="audit-target-type"
          />
        </Form.Item>
        <Form.Item name="targetId" label="对象编号">
          <Input allowClear style={{ width: phone ? '100%' : 140 }} data-testid="audit-target-id" />
        </Form.Item>
        <Form.Item name="hideOwnQueries" label="隐藏本人的查询记录" valuePropName="checked">
          <Switch data-testid="audit-hide-own" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={loading} data-testid="audit-search">
            查询
          </Button>
        </Form.Item>
      </Form>
      <ResponsiveTable<AuditRecord>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={items}
        pagination={false}
        data-testid="audit-table"
        expandable={{
          rowExpandable: (r) => r.before !== undefined || r.after !== undefined || !!r.reason,
          expandedRowRender: (r) => (
            <div data-testid="audit-detail">
              {r.reason && <Typography.Paragraph style={{ margin: '0 0 8px' }}>原因：{r.reason}</Typography.Paragraph>}
              <Changes record={r} compact={false} />
            </div>
          ),
        }}
        columns={columns}
      />
      <div style={{ textAlign: 'center', marginTop: 12 }}>
        {cursor ? (
          <Button onClick={() => query && fetchPage(query, cursor)} loading={loading} data-testid="audit-more">
            加载更多
          </Button>
        ) : (
          items.length > 0 && <Typography.Text type="secondary">已显示全部 {items.length} 条记录</Typography.Text>
        )}
      </div>
    </Page>
  );
}

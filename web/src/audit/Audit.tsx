import { useEffect, useState } from 'react';
import { Button, Card, DatePicker, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { auditQuery, ROLE_LABELS, type AuditOutcome, type AuditQuery, type AuditRecord, type Role } from '@sifasuo/domain';
import { isApiError } from '../kit/api';
import { auditApi } from './api';
import { checkWith, dropEmpty, useReportError } from '../kit/errors';
import { Forbidden } from '../kit/results';

const OUTCOMES: Record<AuditOutcome, { label: string; color: string }> = {
  success: { label: '成功', color: 'green' },
  denied: { label: '拒绝访问', color: 'red' },
  rejected: { label: '校验未通过', color: 'orange' },
  failed: { label: '失败', color: 'volcano' },
};

interface Filters {
  range?: [Dayjs, Dayjs];
  actor?: string;
  targetType?: string;
  targetId?: string;
}

/** The schema's `from`/`to` are the one range input here. */
const RANGE = { from: 'range', to: 'range' };

const json = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v, null, 2));

/** The audit log (auditor only): filter by time, actor and target; page with 加载更多. */
export default function Audit() {
  const [form] = Form.useForm<Filters>();
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
      targetType: v.targetType?.trim(),
      targetId: v.targetId?.trim(),
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

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title="审计日志">
        <Form form={form} layout="inline" onFinish={search} data-testid="audit-filters">
          <Form.Item name="range" label="时间范围">
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              allowClear={false}
              data-testid="audit-range"
            />
          </Form.Item>
          <Form.Item name="actor" label="操作人">
            <Input placeholder="用户名" allowClear style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="targetType" label="对象类型">
            <Input placeholder="如 staff、user、office" allowClear style={{ width: 170 }} />
          </Form.Item>
          <Form.Item name="targetId" label="对象编号">
            <Input allowClear style={{ width: 140 }} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={loading} data-testid="audit-search">
              查询
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <Card>
        <Table<AuditRecord>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={items}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="audit-table"
          expandable={{
            rowExpandable: (r) => r.before !== undefined || r.after !== undefined || !!r.reason,
            expandedRowRender: (r) => (
              <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
                {r.reason && <Typography.Paragraph style={{ width: '100%', margin: 0 }}>原因：{r.reason}</Typography.Paragraph>}
                <div style={{ flex: 1, minWidth: 280 }}>
                  <Typography.Text strong>修改前</Typography.Text>
                  <pre style={{ background: '#fafafa', padding: 8, maxHeight: 320, overflow: 'auto' }}>{json(r.before)}</pre>
                </div>
                <div style={{ flex: 1, minWidth: 280 }}>
                  <Typography.Text strong>修改后</Typography.Text>
                  <pre style={{ background: '#fafafa', padding: 8, maxHeight: 320, overflow: 'auto' }}>{json(r.after)}</pre>
                </div>
              </div>
            ),
          }}
          columns={[
            { title: '时间', dataIndex: 'at', render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm:ss') },
            { title: '操作人', dataIndex: 'actor' },
            {
              title: '角色',
              dataIndex: 'roles',
              render: (roles: string[]) => roles.map((r) => ROLE_LABELS[r as Role] ?? r).join('、'),
            },
            { title: '操作', dataIndex: 'action' },
            { title: '对象', key: 'target', render: (_: unknown, r: AuditRecord) => `${r.targetType} ${r.targetId}` },
            {
              title: '结果',
              dataIndex: 'outcome',
              render: (o: AuditOutcome) => <Tag color={OUTCOMES[o]?.color}>{OUTCOMES[o]?.label ?? o}</Tag>,
            },
            { title: '来源IP', dataIndex: 'sourceIp', render: (ip?: string) => ip ?? '—' },
          ]}
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
      </Card>
    </Space>
  );
}

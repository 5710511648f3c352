// One page for every declared register (`/registers/:registerId`), built from its declaration in the
// catalogue: the list with the declared columns, the filters (office in scope, the filing date's range,
// the declared choice and flag filters, withdrawn entries shown on request), 登记 with the generated form,
// 导出Excel by year and office, and 导入Excel with its problems listed. Another register is one choice away.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Button, Card, Checkbox, DatePicker, Flex, Select, Space, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { REGISTER_YEAR_MIN, type RegisterDescription, type RegisterEntry } from '@sifasuo/domain';
import { registersApi } from './api';
import EntryForm from './EntryForm';
import ImportPanel from './ImportPanel';
import { writableOffices } from './permissions';
import { cellOf, columnLabel, columnOf, dayOf, EntryStatusTag, thisYear, useCatalogue } from './shared';
import DownloadButton from '../kit/DownloadButton';
import { isApiError } from '../kit/api';
import { useMe } from '../kit/guards';
import { ScopeOfficeFilter, useScopeOffices } from '../kit/offices';
import { Page } from '../kit/page';
import { ResponsiveTable, type ResponsiveColumn } from '../kit/ResponsiveTable';
import { Forbidden, LoadFailed, NotFound } from '../kit/results';
import { Loading } from '../kit/loading';

const PAGE_SIZE = 50;

interface Filters {
  officeId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
  /** Declared filter key → value. */
  chosen: Record<string, string | undefined>;
  withdrawn: boolean;
}

/** The list, a page at a time (a county's year of a book is thousands of entries): 加载更多 follows the cursor. */
const useEntries = (register: string | undefined, filters: Filters) => {
  const [state, setState] = useState<{ items: RegisterEntry[]; cursor?: string; loading: boolean; errorStatus?: number; errorMessage?: string }>({ items: [], loading: true });
  const [tick, setTick] = useState(0);
  const query = useMemo(() => {
    const filter = Object.entries(filters.chosen)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}:${v}`)
      .join(',');
    return {
      officeId: filters.officeId,
      from: dayOf(filters.range?.[0]),
      to: dayOf(filters.range?.[1]),
      status: filters.withdrawn ? ('all' as const) : undefined,
      filter: filter || undefined,
      limit: PAGE_SIZE,
    };
  }, [filters]);
  const fetchPage = useCallback(
    async (cursor: string | undefined, append: boolean) => {
      if (!register) return;
      setState((s) => ({ ...s, loading: true }));
      try {
        const page = await registersApi.entries(register, { ...query, cursor });
        setState((s) => ({ items: append ? [...s.items, ...page.items] : page.items, cursor: page.cursor, loading: false }));
      } catch (e) {
        setState((s) => ({ ...s, loading: false, errorStatus: isApiError(e) ? e.status : -1, errorMessage: isApiError(e) ? e.message : '加载失败，请稍后重试' }));
      }
    },
    [register, query],
  );
  useEffect(() => {
    void fetchPage(undefined, false);
  }, [fetchPage, tick]);
  return { ...state, more: () => fetchPage(state.cursor, true), reload: () => setTick((t) => t + 1) };
};

function ExportPanel({ register, offices }: { register: RegisterDescription; offices: ReturnType<typeof useScopeOffices>['offices'] }) {
  const [year, setYear] = useState(thisYear());
  const [officeId, setOfficeId] = useState<string>();
  // One office in scope (they load after the first render): the book is that office's.
  const chosen = officeId ?? (offices.length === 1 ? offices[0]!.id : undefined);
  const years = useMemo(() => Array.from({ length: Math.min(6, thisYear() - REGISTER_YEAR_MIN + 1) }, (_, i) => thisYear() - i), []);
  return (
    <Flex wrap gap={8} align="center" data-testid="entry-export">
      <Select aria-label="年度" style={{ width: 110 }} value={year} onChange={setYear} options={years.map((y) => ({ value: y, label: `${y}年` }))} data-testid="entry-export-year" />
      <ScopeOfficeFilter label="导出的司法所" offices={offices} value={officeId} onChange={setOfficeId} testId="entry-export-office" />
      <DownloadButton icon={<DownloadOutlined />} fetch={() => registersApi.exportBook(register.id, { year, officeId: chosen })} testId="entry-export-download">
        导出Excel
      </DownloadButton>
    </Flex>
  );
}

function RegisterList({ register, catalogue }: { register: RegisterDescription; catalogue: readonly RegisterDescription[] }) {
  const me = useMe();
  const navigate = useNavigate();
  const { offices, name } = useScopeOffices();
  const own = useMemo(() => writableOffices(me, offices), [me.username, offices]) // eslint-disable-line react-hooks/exhaustive-deps -- the session user is read anew on each render;
  const [filters, setFilters] = useState<Filters>({ chosen: {}, withdrawn: false });
  const [adding, setAdding] = useState<null | undefined>();
  const entries = useEntries(register.id, filters);

  if (entries.errorStatus === 403) return <Forbidden message={entries.errorMessage} />;
  if (entries.errorStatus !== undefined) return <LoadFailed message={entries.errorMessage ?? ''} retry={entries.reload} />;

  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));
  const detail = (e: RegisterEntry) => `/registers/${encodeURIComponent(register.id)}/${encodeURIComponent(e.id)}`;
  const listed = register.listColumns.flatMap((key) => {
    const c = columnOf(register, key);
    return c ? [{ key, c }] : [];
  });
  const columns: ResponsiveColumn<RegisterEntry>[] = listed.map(({ key, c }, i) => ({
    key,
    title: columnLabel(c),
    cardTitle: i === 0,
    // The first column opens the entry; long texts are cut short in the table.
    render: (_: unknown, e: RegisterEntry) =>
      i === 0 ? (
        <Link to={detail(e)} data-testid="entry-link">
          {cellOf(c, e)}
        </Link>
      ) : 'field' in c && c.field.kind === 'multiline' ? (
        <Typography.Text ellipsis style={{ maxWidth: 240 }}>
          {cellOf(c, e)}
        </Typography.Text>
      ) : (
        cellOf(c, e)
      ),
  }));
  if (offices.length > 1) columns.splice(1, 0, { key: 'officeId', title: '司法所', dataIndex: 'officeId', render: (id: string) => name(id) });
  if (filters.withdrawn) columns.push({ key: 'status', title: '状态', dataIndex: 'status', render: (s: RegisterEntry['status']) => <EntryStatusTag status={s} /> });

  return (
    <Page
      title={register.name}
      extra={
        <Flex wrap gap={8}>
          <Select
            aria-label="切换台账"
            value={register.id}
            style={{ width: 180 }}
            showSearch={{ optionFilterProp: 'label' }}
            onChange={(id: string) => navigate(`/registers/${encodeURIComponent(id)}`)}
            options={catalogue.map((d) => ({ value: d.id, label: d.name }))}
            data-testid="register-switch"
          />
          {own.length > 0 && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(null)} data-testid="entry-new">
              登记
            </Button>
          )}
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary">{register.description}</Typography.Paragraph>
      <Flex wrap gap={8} style={{ marginBottom: 12 }} data-testid="entry-filters">
        <ScopeOfficeFilter offices={offices} value={filters.officeId} onChange={(officeId) => set({ officeId })} testId="entry-filter-office" />
        <DatePicker.RangePicker
          aria-label="登记日期范围"
          value={filters.range ?? null}
          onChange={(range) => set({ range })}
          style={{ maxWidth: '100%' }}
          data-testid="entry-filter-range"
        />
        {register.filters.map((key) => {
          const field = register.fields.find((f) => f.key === key);
          if (!field) return null;
          const options =
            field.kind === 'choice'
              ? field.options.map((o) => ({ value: o.value, label: o.label }))
              : [
                  { value: 'true', label: '是' },
                  { value: 'false', label: '否' },
                ];
          return (
            <Select
              key={key}
              aria-label={field.label}
              placeholder={`全部${field.label}`}
              allowClear
              style={{ width: 160 }}
              value={filters.chosen[key]}
              onChange={(v?: string) => set({ chosen: { ...filters.chosen, [key]: v } })}
              options={options}
              data-testid={`entry-filter-${key}`}
            />
          );
        })}
        <Checkbox checked={filters.withdrawn} onChange={(e) => set({ withdrawn: e.target.checked })} data-testid="entry-filter-withdrawn">
          显示已撤销
        </Checkbox>
      </Flex>
      <ResponsiveTable<RegisterEntry>
        rowKey="id"
        size="small"
        loading={entries.loading}
        dataSource={entries.items}
        columns={columns}
        pagination={false}
        data-testid="entry-table"
      />
      <Flex justify="center" gap={8} align="center" style={{ margin: '12px 0' }}>
        <Typography.Text type="secondary" data-testid="entry-count">
          已显示 {entries.items.length} 条
        </Typography.Text>
        {entries.cursor && (
          <Button onClick={() => void entries.more()} loading={entries.loading} data-testid="entry-more">
            加载更多
          </Button>
        )}
      </Flex>
      <Space orientation="vertical" style={{ width: '100%' }} size={16}>
        <Card size="small" title="导出">
          <ExportPanel register={register} offices={offices} />
        </Card>
        {own.length > 0 && (
          <Card size="small" title="导入">
            <ImportPanel register={register} offices={own} onImported={entries.reload} />
          </Card>
        )}
      </Space>
      <EntryForm register={register} offices={own} entry={adding} onClose={() => setAdding(undefined)} onSaved={(e) => navigate(detail(e))} />
    </Page>
  );
}

export default function Register() {
  const { registerId } = useParams();
  const catalogue = useCatalogue();
  if (catalogue.errorStatus === 403) return <Forbidden message={catalogue.errorMessage} />;
  if (catalogue.errorStatus !== undefined) return <LoadFailed message={catalogue.errorMessage ?? ''} retry={catalogue.reload} />;
  if (!catalogue.data) return <Loading />;
  const register = catalogue.data.find((d) => d.id === registerId);
  if (!register) return <NotFound message="没有这本台账。" />;
  // Keyed by the register: another book starts with its own filters.
  return <RegisterList key={register.id} register={register} catalogue={catalogue.data} />;
}

// The offices in the caller's scope, for any context's pages: their names by id, the options of an
// office select, and the list filter 全部司法所 / one office (shown only to those who see several).
import { useMemo } from 'react';
import { Select } from 'antd';
import type { Office } from '@sifasuo/domain';
import { all } from './api';
import { useLoad } from './useLoad';

/** The offices in the caller's scope, and their names by id. */
export const useScopeOffices = () => {
  const loaded = useLoad(() => all('GET /api/org/offices'), []);
  const byId = useMemo(() => new Map((loaded.data ?? []).map((o) => [o.id, o])), [loaded.data]);
  return { offices: loaded.data ?? ([] as Office[]), name: (id: string) => byId.get(id)?.name ?? id, loading: loaded.loading };
};

export const officeSelectOptions = (offices: readonly Office[]) => offices.map((o) => ({ value: o.id, label: o.name }));

/** The filter 全部司法所 / one office, shown only to those who see more than one office. */
export const ScopeOfficeFilter = ({
  offices, value, onChange, testId, label = '司法所',
}: { offices: readonly Office[]; value?: string; onChange: (officeId?: string) => void; testId: string; label?: string }) =>
  offices.length > 1 ? (
    <Select
      aria-label={label}
      placeholder="全部司法所"
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      style={{ width: 180 }}
      value={value}
      onChange={(id?: string) => onChange(id)}
      options={officeSelectOptions(offices)}
      data-testid={testId}
    />
  ) : null;

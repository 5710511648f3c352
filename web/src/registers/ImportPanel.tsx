// 导入Excel of a register: the office, the workbook (.xlsx) sent straight to storage by a presigned
// upload, then the import of that upload. All or nothing: "已导入 N 条", or every problem by row, column
// and reason with nothing imported; a file that is not the book's workbook is refused whole (400).
import { useRef, useState } from 'react';
import { Alert, App, Button, Flex, Select, Space, Table } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { MAX_IMPORT_BYTES, type Office, type RegisterDescription, type RegisterImportResult } from '@sifasuo/domain';
import { registersApi, uploadToStorage } from './api';
import { useReportError } from '../kit/errors';
import { officeSelectOptions } from '../kit/offices';

export default function ImportPanel({ register, offices, onImported }: { register: RegisterDescription; offices: readonly Office[]; onImported: () => void }) {
  const [officeId, setOfficeId] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<RegisterImportResult & { fileName: string }>();
  const input = useRef<HTMLInputElement>(null);
  const report = useReportError();
  const { message } = App.useApp();
  const chosen = officeId ?? (offices.length === 1 ? offices[0]!.id : undefined);

  const upload = async (file: File) => {
    if (!chosen) return;
    setResult(undefined);
    if (file.size > MAX_IMPORT_BYTES) {
      message.error(`文件不能超过${MAX_IMPORT_BYTES / 1024 / 1024}MB`);
      return;
    }
    setBusy(true);
    try {
      const uploadId = await uploadToStorage('import', file);
      const answer = await registersApi.importBook(register.id, { officeId: chosen, uploadId });
      setResult({ ...answer, fileName: file.name });
      if (answer.problems.length === 0) onImported();
    } catch (e) {
      report(e);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="entry-import">
      <Flex wrap gap={8} align="center">
        {offices.length > 1 && (
          <Select
            aria-label="导入到司法所"
            placeholder="导入到司法所"
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 180 }}
            value={officeId}
            onChange={setOfficeId}
            options={officeSelectOptions(offices)}
            data-testid="entry-import-office"
          />
        )}
        <input
          ref={input}
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          style={{ display: 'none' }}
          aria-label={`选择${register.shortName}Excel文件`}
          data-testid="entry-import-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void upload(file);
          }}
        />
        <Button icon={<UploadOutlined />} loading={busy} disabled={!chosen} onClick={() => input.current?.click()} data-testid="entry-import-choose">
          导入Excel
        </Button>
      </Flex>
      {result && result.problems.length === 0 && (
        <Alert type="success" showIcon title={`${result.fileName}：已导入 ${result.imported} 条`} data-testid="entry-import-done" />
      )}
      {result && result.problems.length > 0 && (
        <>
          <Alert
            type="error"
            showIcon
            title={`${result.fileName} 有 ${result.problems.length} 处问题，未导入任何数据。请修改后重新导入。`}
            data-testid="entry-import-refused"
          />
          <Table
            size="small"
            rowKey={(p) => `${p.row}-${p.column}-${p.message}`}
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={result.problems}
            data-testid="entry-import-problems"
            columns={[
              { title: '行', dataIndex: 'row' },
              { title: '列', dataIndex: 'column', render: (c: string) => c || '整行' },
              { title: '问题', dataIndex: 'message' },
            ]}
          />
        </>
      )}
    </Space>
  );
}

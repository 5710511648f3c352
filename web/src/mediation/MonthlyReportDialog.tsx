// 月度报表 (排查报表): an office submits its month; the figures are generated from the records on the server.
import { useLayoutEffect } from 'react';
import { type ButtonProps, Form, Input, Modal, Typography } from 'antd';
import { monthlyReportInput } from '@sifasuo/domain';
import { mediationApi } from './api';
import { checkWith, dropEmpty, useSave } from '../kit/errors';

export default function MonthlyReportDialog({ officeId, month, onClose, onSaved }: { officeId?: string; month: string; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<{ note?: string }>();
  const { busy, save } = useSave(form);
  useLayoutEffect(() => {
    if (officeId) form.resetFields();
  }, [officeId, form]);
  const submit = async () => {
    const body = dropEmpty({ officeId, month, note: form.getFieldValue('note') as string | undefined });
    if (!checkWith(form, monthlyReportInput, body)) return;
    await save(() => mediationApi.monthlyReport(body), { done: '月度排查报表已报送', then: onSaved });
  };
  return (
    <Modal
      title={`报送月度排查报表 · ${month}`}
      open={!!officeId}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      okText="报送"
      okButtonProps={{ 'data-testid': 'report-submit' } as ButtonProps}
      forceRender
    >
      <Typography.Paragraph type="secondary">报表中的排查次数、纠纷件数、案件受理和结案数由系统根据本月记录生成。</Typography.Paragraph>
      <Form form={form} name="monthly-report" layout="vertical" autoComplete="off">
        <Form.Item name="note" label="说明">
          <Input.TextArea rows={3} maxLength={500} data-testid="report-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// 撤回排查: a submitted screening withdrawn with a reason — its disputes go with it, and the period may be
// reported again. The dialog is the confirmation: it says what is withdrawn before the reason is sent.
import { useLayoutEffect } from 'react';
import { type ButtonProps, Form, Input, Modal, Typography } from 'antd';
import { SCREENING_KIND_LABELS, withdrawInput, type Screening } from '@sifasuo/domain';
import { mediationApi } from './api';
import { periodLabel } from './ScreeningForm';
import { checkWith, requiredBy, useSave } from '../kit/errors';

const required = requiredBy(withdrawInput);

export default function ScreeningWithdraw({
  screening,
  officeName,
  onClose,
  onDone,
}: {
  screening?: Screening;
  officeName: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<{ reason?: string }>();
  const { busy, save } = useSave(form);

  useLayoutEffect(() => {
    if (screening) form.resetFields();
  }, [screening, form]);

  const submit = async () => {
    if (!screening) return;
    const body = { version: screening.version, reason: form.getFieldValue('reason')?.trim() || undefined };
    if (checkWith(form, withdrawInput, body)) await save(() => mediationApi.withdrawScreening(screening.id, body), { done: '排查已撤回', then: onDone, reload: onDone });
  };

  return (
    <Modal
      title={screening ? `撤回${SCREENING_KIND_LABELS[screening.kind]} · ${officeName} · ${periodLabel(screening.period)}` : ''}
      open={!!screening}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      okText="撤回"
      okButtonProps={{ 'data-testid': 'screening-withdraw-confirm', danger: true } as ButtonProps}
      width={560}
      forceRender
    >
      <Typography.Paragraph>
        {screening?.zeroReport
          ? '撤回后该期零报告作废，可重新报送。'
          : `撤回后该期登记的 ${screening?.disputeIds.length ?? 0} 件纠纷一并撤回，该期可重新报送。`}
      </Typography.Paragraph>
      <Form form={form} name="screening-withdraw" layout="vertical" autoComplete="off" data-testid="screening-withdraw-form">
        <Form.Item name="reason" label="撤回原因" required={required('reason')}>
          <Input.TextArea rows={3} maxLength={500} data-testid="screening-withdraw-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

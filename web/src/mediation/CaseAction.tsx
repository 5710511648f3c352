// The dialog of a case command: its form, checked with the server's schema, sent with the case's
// version. A 409 (the case changed meanwhile, or the command is no longer allowed) shows the server's
// message and the case is loaded again.
import { useLayoutEffect, useRef } from 'react';
import { type ButtonProps, DatePicker, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import {
  AGREEMENT_FORMS,
  AGREEMENT_FORM_LABELS,
  CASE_COMMAND_LABELS,
  CASE_RESULTS,
  CASE_RESULT_LABELS,
  caseRecordInput,
  closeCaseInput,
  CONFIRMATION_LABELS,
  CONFIRMATION_RESULTS,
  confirmationInput,
  followUpInput,
  PERFORMANCE_LABELS,
  PERFORMANCE_STATES,
  reviewInput,
  SATISFACTION_LABELS,
  SATISFACTION_LEVELS,
  versionInput,
  withdrawInput,
  type CaseCommandKind,
  type MediationCase,
} from '@sifasuo/domain';
import { mediationApi } from './api';
import { fenFromYuan } from './money';
import { dayOf, HALF, PAIR } from './shared';
import { isApiError } from '../kit/api';
import { checkWith, dropEmpty, useSave } from '../kit/errors';

const radios = <K extends string>(keys: readonly K[], labels: Record<K, string>) => keys.map((k) => ({ value: k, label: labels[k] }));

const TITLES: Record<CaseCommandKind, string> = { ...CASE_COMMAND_LABELS, confirm: '司法确认', withdraw: '撤销案件' };

/** Where the server's (and the schema's) field keys show in this form. */
const ALIASES = { 'agreement.amountFen': 'agreement.amountYuan' };

export default function CaseAction({
  command: asked,
  c,
  onClose,
  onDone,
  onStale,
}: {
  command?: CaseCommandKind;
  c: MediationCase;
  onClose: () => void;
  onDone: (after: MediationCase) => void;
  onStale: () => void;
}) {
  // The dialog keeps showing the last command while it fades out.
  const last = useRef(asked);
  if (asked) last.current = asked;
  const command = asked ?? last.current;
  const [form] = Form.useForm();
  const { busy, save } = useSave(form);
  const result = Form.useWatch('result', form) as string | undefined;

  useLayoutEffect(() => {
    if (!asked) return;
    form.resetFields();
    const today = dayjs();
    const initial: Partial<Record<CaseCommandKind, object>> = {
      record: { on: today },
      close: { result: 'agreement', closedOn: today, agreement: { form: 'written' } },
      'follow-up': { visitedOn: today },
      confirm: { appliedOn: today, result: 'pending' },
    };
    form.setFieldsValue(initial[asked] ?? {});
  }, [asked, form]);

  /** Sends; a 409 closes the dialog and loads the case again, after the server's message is shown. */
  const send = async (action: () => Promise<MediationCase>) =>
    save(
      async () => {
        try {
          return await action();
        } catch (e) {
          if (isApiError(e) && e.status === 409) onStale();
          throw e;
        }
      },
      { done: `${TITLES[command!]}已完成`, then: onDone, reload: onStale },
    );

  const submit = async () => {
    const v = form.getFieldsValue();
    const version = c.version;
    switch (command) {
      case 'record': {
        const body = dropEmpty({ version, on: dayOf(v.on), content: v.content, mediators: v.mediators?.length ? v.mediators : undefined });
        if (checkWith(form, caseRecordInput, body)) await send(() => mediationApi.record(c.id, body));
        return;
      }
      case 'close': {
        const a = v.agreement ?? {};
        const amountFen = a.amountYuan === undefined || a.amountYuan === '' ? undefined : (fenFromYuan(String(a.amountYuan)) ?? Number.NaN);
        const body =
          v.result === 'agreement'
            ? { version, result: v.result, closedOn: dayOf(v.closedOn), agreement: dropEmpty({ form: a.form, terms: a.terms, amountFen, performBy: dayOf(a.performBy) }) }
            : dropEmpty({ version, result: v.result, closedOn: dayOf(v.closedOn), reason: v.reason });
        if (Number.isNaN(amountFen)) {
          form.setFields([{ name: ['agreement', 'amountYuan'], errors: ['请填写正确的金额（元，最多两位小数），如 12345.67'] }]);
          return;
        }
        if (checkWith(form, closeCaseInput, body, ALIASES)) await send(() => mediationApi.close(c.id, body));
        return;
      }
      case 'follow-up': {
        const body = dropEmpty({ version, visitedOn: dayOf(v.visitedOn), performance: v.performance, satisfaction: v.satisfaction, note: v.note });
        if (checkWith(form, followUpInput, body)) await send(() => mediationApi.followUp(c.id, body));
        return;
      }
      case 'confirm': {
        const body = dropEmpty({ version, appliedOn: dayOf(v.appliedOn), court: v.court, result: v.result });
        if (checkWith(form, confirmationInput, body)) await send(() => mediationApi.confirmation(c.id, body));
        return;
      }
      case 'enter-online': {
        const body = { version };
        if (checkWith(form, versionInput, body)) await send(() => mediationApi.enterOnline(c.id, body));
        return;
      }
      case 'review': {
        const body = dropEmpty({ version, comment: v.comment });
        if (checkWith(form, reviewInput, body)) await send(() => mediationApi.review(c.id, body));
        return;
      }
      case 'withdraw': {
        const body = dropEmpty({ version, reason: v.reason });
        if (checkWith(form, withdrawInput, body)) await send(() => mediationApi.withdraw(c.id, body));
        return;
      }
    }
  };

  const date = (name: string | string[], label: string, testId: string) => (
    <Form.Item name={name} label={label} required style={HALF}>
      <DatePicker style={{ width: '100%' }} data-testid={testId} />
    </Form.Item>
  );

  const fields = () => {
    switch (command) {
      case 'record':
        return (
          <>
            <div style={PAIR}>{date('on', '调解日期', 'record-on')}</div>
            <Form.Item name="content" label="调解情况" required>
              <Input.TextArea rows={4} maxLength={4000} data-testid="record-content" />
            </Form.Item>
            <Form.Item name="mediators" label="调解员">
              <Select mode="tags" open={false} placeholder="输入姓名后回车" data-testid="record-mediators" />
            </Form.Item>
          </>
        );
      case 'close':
        return (
          <>
            <Form.Item name="result" label="调解结果" required>
              <Radio.Group options={radios(CASE_RESULTS, CASE_RESULT_LABELS)} data-testid="close-result" />
            </Form.Item>
            <div style={PAIR}>{date('closedOn', '结案日期', 'close-closedOn')}</div>
            {result === 'agreement' ? (
              <>
                <Form.Item name={['agreement', 'form']} label="协议形式" required>
                  <Radio.Group options={radios(AGREEMENT_FORMS, AGREEMENT_FORM_LABELS)} data-testid="close-form" />
                </Form.Item>
                <Form.Item name={['agreement', 'terms']} label="协议内容" required>
                  <Input.TextArea rows={4} maxLength={4000} data-testid="close-terms" />
                </Form.Item>
                <div style={PAIR}>
                  <Form.Item name={['agreement', 'amountYuan']} label="涉及金额（元）" required style={HALF}>
                    <Input inputMode="decimal" placeholder="如 12345.67，无金额填 0" data-testid="close-amount" />
                  </Form.Item>
                  {date(['agreement', 'performBy'], '履行期限', 'close-performBy')}
                </div>
              </>
            ) : (
              <Form.Item name="reason" label={result === 'failed' ? '调解不成的原因' : '终止调解的原因'} required>
                <Input.TextArea rows={3} maxLength={1000} data-testid="close-reason" />
              </Form.Item>
            )}
          </>
        );
      case 'follow-up':
        return (
          <>
            <div style={PAIR}>{date('visitedOn', '回访日期', 'followup-visitedOn')}</div>
            <Form.Item name="performance" label="履行情况" required>
              <Radio.Group options={radios(PERFORMANCE_STATES, PERFORMANCE_LABELS)} data-testid="followup-performance" />
            </Form.Item>
            <Form.Item name="satisfaction" label="满意程度" required>
              <Radio.Group options={radios(SATISFACTION_LEVELS, SATISFACTION_LABELS)} data-testid="followup-satisfaction" />
            </Form.Item>
            <Form.Item name="note" label="回访情况">
              <Input.TextArea rows={3} maxLength={1000} data-testid="followup-note" />
            </Form.Item>
          </>
        );
      case 'confirm':
        return (
          <>
            <div style={PAIR}>
              {date('appliedOn', '申请日期', 'confirm-appliedOn')}
              <Form.Item name="court" label="受理法院" required style={HALF}>
                <Input maxLength={60} data-testid="confirm-court" />
              </Form.Item>
            </div>
            <Form.Item name="result" label="确认结果" required>
              <Radio.Group options={radios(CONFIRMATION_RESULTS, CONFIRMATION_LABELS)} data-testid="confirm-result" />
            </Form.Item>
          </>
        );
      case 'enter-online':
        return <Typography.Paragraph>确认本案已录入全国人民调解工作管理系统？</Typography.Paragraph>;
      case 'review':
        return (
          <Form.Item name="comment" label="审核意见">
            <Input.TextArea rows={3} maxLength={500} data-testid="review-comment" />
          </Form.Item>
        );
      case 'withdraw':
        return (
          <Form.Item name="reason" label="撤销原因" required>
            <Input.TextArea rows={3} maxLength={500} data-testid="withdraw-reason" />
          </Form.Item>
        );
      default:
        return null;
    }
  };

  return (
    <Modal
      title={command ? `${TITLES[command]} · ${c.caseNo}` : ''}
      open={!!asked}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      okText={command === 'withdraw' ? '撤销' : '保存'}
      okButtonProps={{ 'data-testid': 'case-action-submit', danger: command === 'withdraw' } as ButtonProps}
      width={640}
      forceRender
    >
      <Form form={form} name={`case-${command ?? 'action'}`} layout="vertical" autoComplete="off" data-testid="case-action-form">
        {fields()}
      </Form>
    </Modal>
  );
}

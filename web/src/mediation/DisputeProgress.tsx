// A screened dispute's progress (化解进展): measures, who is responsible and by when, its risk level now,
// and the result (化解中, 已化解, …) with a note. The case it became stays linked (its link is shown).
import { useLayoutEffect } from 'react';
import { Link } from 'react-router-dom';
import { type ButtonProps, DatePicker, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { DISPUTE_RESULTS, DISPUTE_RESULT_LABELS, RISK_LEVELS, RISK_LEVEL_LABELS, updateDisputeInput, type Dispute } from '@sifasuo/domain';
import { mediationApi } from './api';
import { dayOf, HALF, PAIR } from './shared';
import { checkWith, dropEmpty, requiredBy, useSave } from '../kit/errors';

const required = requiredBy(updateDisputeInput);

interface Values {
  measures?: string;
  responsible?: string;
  dueOn?: Dayjs;
  riskLevel?: Dispute['riskLevel'];
  result?: Dispute['result'];
  resultNote?: string;
}

export default function DisputeProgress({ dispute, onClose, onSaved }: { dispute?: Dispute; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<Values>();
  const { busy, save } = useSave(form);

  useLayoutEffect(() => {
    if (!dispute) return;
    form.resetFields();
    form.setFieldsValue({ ...dispute, dueOn: dayjs(dispute.dueOn) });
  }, [dispute, form]);

  const submit = async () => {
    if (!dispute) return;
    const v = form.getFieldsValue();
    const body = {
      ...dropEmpty({ measures: v.measures, responsible: v.responsible, dueOn: dayOf(v.dueOn), riskLevel: v.riskLevel, result: v.result, resultNote: v.resultNote }),
      // The server replaces the link with what is sent: the case stays linked.
      ...(dispute.caseId ? { caseId: dispute.caseId } : {}),
      version: dispute.version,
    };
    if (checkWith(form, updateDisputeInput, body)) await save(() => mediationApi.updateDispute(dispute.id, body), { done: '化解进展已保存', then: onSaved, reload: onSaved });
  };

  return (
    <Modal
      title={dispute ? `化解进展 · ${dispute.name}` : ''}
      open={!!dispute}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      okText="保存"
      okButtonProps={{ 'data-testid': 'dispute-progress-submit' } as ButtonProps}
      width={640}
      forceRender
    >
      <Form form={form} name="dispute-progress" layout="vertical" autoComplete="off" data-testid="dispute-progress-form">
        {dispute?.caseId && (
          <Typography.Paragraph>
            已转为调解案件：<Link to={`/mediation-cases/${encodeURIComponent(dispute.caseId)}`}>查看案件</Link>
          </Typography.Paragraph>
        )}
        <Form.Item name="measures" label="化解措施" required={required('measures')}>
          <Input.TextArea rows={2} maxLength={1000} data-testid="dispute-measures" />
        </Form.Item>
        <div style={PAIR}>
          <Form.Item name="responsible" label="责任人" required={required('responsible')} style={HALF}>
            <Input maxLength={20} data-testid="dispute-responsible" />
          </Form.Item>
          <Form.Item name="dueOn" label="化解时限" required={required('dueOn')} style={HALF}>
            <DatePicker style={{ width: '100%' }} data-testid="dispute-dueOn" />
          </Form.Item>
          <Form.Item name="riskLevel" label="风险等级" required={required('riskLevel')} style={HALF}>
            <Radio.Group options={RISK_LEVELS.map((r) => ({ value: r, label: RISK_LEVEL_LABELS[r] }))} data-testid="dispute-risk" />
          </Form.Item>
          <Form.Item name="result" label="化解结果" required={required('result')} style={HALF}>
            <Select options={DISPUTE_RESULTS.map((r) => ({ value: r, label: DISPUTE_RESULT_LABELS[r] }))} data-testid="dispute-result" />
          </Form.Item>
        </div>
        <Form.Item name="resultNote" label="化解情况" required={required('resultNote')}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="dispute-resultNote" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

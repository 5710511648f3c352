// An office's screening (排查) for one period: when and by whom, and the disputes found — each with its
// type, parties, people, risk level, whether it is major (reported to the bureau within 4 hours),
// measures, who is responsible and by when — or a zero report (零报告) when nothing was found.
import { useLayoutEffect } from 'react';
import { Button, type ButtonProps, Card, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  createScreeningInput,
  RISK_LEVELS,
  RISK_LEVEL_LABELS,
  SCREENING_KIND_LABELS,
  type DisputeInput,
  type ScreeningKind,
} from '@sifasuo/domain';
import { mediationApi } from './api';
import { dayOf, HALF, PAIR, useDictionary } from './shared';
import { checkWith, dropEmpty, useSave } from '../kit/errors';

/** The cell the form was opened from: the office, the kind and the period are fixed by it. */
export interface ScreeningSlot {
  officeId: string;
  officeName: string;
  kind: ScreeningKind;
  period: string;
}

type DisputeValues = Partial<Omit<DisputeInput, 'dueOn'>> & { dueOn?: Dayjs };
interface Values {
  screenedOn?: Dayjs;
  participants?: string;
  summary?: string;
  zeroReport?: boolean;
  disputes?: DisputeValues[];
}

/** 2026年5月上半月, 2026年第2季度. */
export const periodLabel = (period: string) => {
  const q = /^(\d{4})-Q(\d)$/.exec(period);
  if (q) return `${q[1]}年第${q[2]}季度`;
  return `${period.slice(0, 4)}年${Number(period.slice(5, 7))}月${period.endsWith('-1') ? '上半月' : '下半月'}`;
};

const NEW_DISPUTE: DisputeValues = { riskLevel: 'yellow', major: false, peopleCount: 2 };

export default function ScreeningForm({ slot, onClose, onSaved }: { slot?: ScreeningSlot; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<Values>();
  const { busy, save } = useSave(form);
  const types = useDictionary('dispute-types');
  const zero = Form.useWatch('zeroReport', form) as boolean | undefined;

  useLayoutEffect(() => {
    if (!slot) return;
    form.resetFields();
    form.setFieldsValue({ screenedOn: dayjs(), zeroReport: false, disputes: [NEW_DISPUTE] });
  }, [slot, form]);

  const submit = async () => {
    if (!slot) return;
    const v = form.getFieldsValue();
    const body = dropEmpty({
      officeId: slot.officeId,
      kind: slot.kind,
      period: slot.period,
      screenedOn: dayOf(v.screenedOn),
      participants: v.participants,
      summary: v.summary,
      disputes: v.zeroReport ? [] : (v.disputes ?? []).map((d) => dropEmpty({ ...d, dueOn: dayOf(d.dueOn) })),
    });
    if (!checkWith(form, createScreeningInput, body)) return;
    await save(() => mediationApi.createScreening(body), {
      done: v.zeroReport ? '零报告已报送' : `排查已报送，登记纠纷 ${body.disputes.length} 件`,
      then: onSaved,
    });
  };

  return (
    <Modal
      title={slot ? `${SCREENING_KIND_LABELS[slot.kind]} · ${slot.officeName} · ${periodLabel(slot.period)}` : ''}
      open={!!slot}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      okText="报送"
      okButtonProps={{ 'data-testid': 'screening-submit' } as ButtonProps}
      width={760}
      forceRender
    >
      <Form form={form} name="screening" layout="vertical" autoComplete="off" data-testid="screening-form">
        <div style={PAIR}>
          <Form.Item name="screenedOn" label="排查日期" required style={HALF}>
            <DatePicker style={{ width: '100%' }} data-testid="screening-date" />
          </Form.Item>
          <Form.Item name="participants" label="排查人员" required style={HALF}>
            <Input maxLength={100} placeholder="如 张三、李四" data-testid="screening-participants" />
          </Form.Item>
        </div>
        <Form.Item name="summary" label="排查情况">
          <Input.TextArea rows={2} maxLength={2000} data-testid="screening-summary" />
        </Form.Item>
        <Form.Item name="zeroReport" label="零报告（本期未排查出矛盾纠纷）" valuePropName="checked">
          <Switch checkedChildren="是" unCheckedChildren="否" data-testid="screening-zero" />
        </Form.Item>
        {zero ? (
          <Typography.Paragraph type="secondary" data-testid="screening-zero-note">
            本期未排查出矛盾纠纷，报送零报告。
          </Typography.Paragraph>
        ) : (
          <Form.List name="disputes">
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((f, i) => (
                  <Card
                    key={f.key}
                    size="small"
                    title={`纠纷 ${i + 1}`}
                    style={{ marginBottom: 8 }}
                    data-testid="screening-dispute"
                    extra={
                      <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={`删除纠纷 ${i + 1}`}>
                        删除
                      </Button>
                    }
                  >
                    <div style={PAIR}>
                      <Form.Item name={[f.name, 'name']} label="纠纷名称" required style={HALF}>
                        <Input maxLength={60} data-testid={`dispute-${i}-name`} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'disputeType']} label="纠纷类型" required style={HALF}>
                        <Select options={types.options} placeholder="请选择" data-testid={`dispute-${i}-type`} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'parties']} label="当事人" required style={HALF}>
                        <Input maxLength={200} data-testid={`dispute-${i}-parties`} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'peopleCount']} label="涉及人数" required style={HALF}>
                        <InputNumber min={1} precision={0} style={{ width: '100%' }} data-testid={`dispute-${i}-people`} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'riskLevel']} label="风险等级" required style={HALF}>
                        <Radio.Group options={RISK_LEVELS.map((r) => ({ value: r, label: RISK_LEVEL_LABELS[r] }))} data-testid={`dispute-${i}-risk`} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'major']} label="重大纠纷（4小时内上报）" valuePropName="checked" style={HALF}>
                        <Switch checkedChildren="是" unCheckedChildren="否" data-testid={`dispute-${i}-major`} />
                      </Form.Item>
                    </div>
                    <Form.Item name={[f.name, 'measures']} label="化解措施" required>
                      <Input.TextArea rows={2} maxLength={1000} data-testid={`dispute-${i}-measures`} />
                    </Form.Item>
                    <div style={PAIR}>
                      <Form.Item name={[f.name, 'responsible']} label="责任人" required style={HALF}>
                        <Input maxLength={20} data-testid={`dispute-${i}-responsible`} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'dueOn']} label="化解时限" required style={HALF}>
                        <DatePicker style={{ width: '100%' }} data-testid={`dispute-${i}-dueOn`} />
                      </Form.Item>
                    </div>
                  </Card>
                ))}
                <Form.ErrorList errors={errors} />
                <Button icon={<PlusOutlined />} onClick={() => add(NEW_DISPUTE)} data-testid="screening-dispute-add">
                  添加纠纷
                </Button>
              </>
            )}
          </Form.List>
        )}
      </Form>
    </Modal>
  );
}

// 新增案件: intake of a mediation case — the office, date, source and type from the dictionaries, the
// summary, and the parties (at least an applicant and a respondent), checked with the server's schema.
// Opened from a screened dispute (转为调解案件), it starts from the dispute's office, type and summary, and
// the case links back to it.
import { useLayoutEffect } from 'react';
import { Alert, Button, type ButtonProps, Card, DatePicker, Form, Input, Modal, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { createCaseInput, PARTY_ROLES, PARTY_ROLE_LABELS, type Dispute, type MediationCase, type Office, type Party } from '@sifasuo/domain';
import { mediationApi } from './api';
import { dayOf, HALF, PAIR, useDictionary } from './shared';
import { officeSelectOptions } from '../kit/offices';
import { checkWith, dropEmpty, requiredBy, useSave } from '../kit/errors';

const required = requiredBy(createCaseInput);
const partyRequired = requiredBy({ shape: createCaseInput.shape.parties.element.shape });

interface Values {
  officeId?: string;
  receivedOn?: Dayjs;
  source?: string;
  disputeType?: string;
  summary?: string;
  parties?: Partial<Party>[];
  mediators?: string[];
}

/** The summary a case opened from a screened dispute starts with. */
const summaryOf = (d: Dispute) => `${d.name}。当事人：${d.parties}。涉及 ${d.peopleCount} 人。`;

export default function NewCase({
  open,
  offices,
  from,
  onClose,
  onSaved,
}: {
  open: boolean;
  offices: readonly Office[];
  /** The screened dispute the case is opened from (转为调解案件). */
  from?: Dispute;
  onClose: () => void;
  onSaved: (c: MediationCase) => void;
}) {
  const [form] = Form.useForm<Values>();
  const { busy, save } = useSave(form);
  const sources = useDictionary('case-sources');
  const types = useDictionary('dispute-types');

  useLayoutEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({
      officeId: from?.officeId ?? (offices.length === 1 ? offices[0]!.id : undefined),
      receivedOn: dayjs(),
      disputeType: from?.disputeType,
      summary: from && summaryOf(from),
      parties: [{ role: 'applicant' }, { role: 'respondent' }],
    });
  }, [open, form, offices, from]);

  const submit = async () => {
    const v = form.getFieldsValue();
    const body = dropEmpty({
      officeId: v.officeId,
      receivedOn: dayOf(v.receivedOn),
      source: v.source,
      disputeType: v.disputeType,
      summary: v.summary,
      parties: (v.parties ?? []).map((p) => dropEmpty({ ...p, idNumber: p.idNumber?.trim() })),
      mediators: v.mediators?.length ? v.mediators : undefined,
      // The dispute's office is the case's: another office's case would not link.
      disputeId: from && v.officeId === from.officeId ? from.id : undefined,
    });
    if (!checkWith(form, createCaseInput, body)) return;
    await save(() => mediationApi.createCase(body), { done: '案件已受理', then: onSaved });
  };

  return (
    <Modal
      title="新增调解案件"
      open={open}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      okText="保存"
      okButtonProps={{ 'data-testid': 'case-submit' } as ButtonProps}
      width={720}
      forceRender
    >
      {from && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={`由排查纠纷转入：${from.name}`} data-testid="case-from-dispute" />}
      <Form form={form} name="new-case" layout="vertical" autoComplete="off" data-testid="case-form">
        <div style={PAIR}>
          <Form.Item name="officeId" label="司法所" required={required('officeId')} style={HALF}>
            <Select options={officeSelectOptions(offices)} placeholder="请选择" data-testid="case-office" />
          </Form.Item>
          <Form.Item name="receivedOn" label="受理日期" required={required('receivedOn')} style={HALF}>
            <DatePicker style={{ width: '100%' }} data-testid="case-receivedOn" />
          </Form.Item>
        </div>
        <div style={PAIR}>
          <Form.Item name="source" label="案件来源" required={required('source')} style={HALF}>
            <Select options={sources.options} placeholder="请选择" data-testid="case-source" />
          </Form.Item>
          <Form.Item name="disputeType" label="纠纷类型" required={required('disputeType')} style={HALF}>
            <Select options={types.options} placeholder="请选择" data-testid="case-type" showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
        </div>
        <Form.Item name="summary" label="纠纷简要情况" required={required('summary')}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="case-summary" />
        </Form.Item>
        <Form.Item name="mediators" label="调解员">
          <Select mode="tags" placeholder="输入姓名后回车" open={false} data-testid="case-mediators" />
        </Form.Item>
        <div style={{ marginBottom: 8 }}>
          {required('parties') && <span style={{ color: '#cf1322', marginRight: 4 }} aria-hidden="true">*</span>}
          当事人
        </div>
        <Form.List name="parties">
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((f, i) => (
                <Card
                  key={f.key}
                  size="small"
                  title={`当事人 ${i + 1}`}
                  style={{ marginBottom: 8 }}
                  data-testid="case-party"
                  extra={
                    fields.length > 2 && (
                      <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={`删除当事人 ${i + 1}`}>
                        删除
                      </Button>
                    )
                  }
                >
                  <div style={PAIR}>
                    <Form.Item name={[f.name, 'name']} label="姓名" required={partyRequired('name')} style={HALF}>
                      <Input maxLength={40} data-testid={`party-${i}-name`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'role']} label="身份" required={partyRequired('role')} style={HALF}>
                      <Select options={PARTY_ROLES.map((r) => ({ value: r, label: PARTY_ROLE_LABELS[r] }))} data-testid={`party-${i}-role`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'idNumber']} label="身份证号（选填）" style={HALF}>
                      <Input maxLength={18} data-testid={`party-${i}-idNumber`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'phone']} label="联系电话" required={partyRequired('phone')} style={HALF}>
                      <Input maxLength={20} data-testid={`party-${i}-phone`} />
                    </Form.Item>
                  </div>
                  <Form.Item name={[f.name, 'address']} label="住址" required={partyRequired('address')} style={{ marginBottom: 0 }}>
                    <Input maxLength={100} data-testid={`party-${i}-address`} />
                  </Form.Item>
                </Card>
              ))}
              <Form.ErrorList errors={errors} />
              <Button icon={<PlusOutlined />} onClick={() => add({ role: 'respondent' })} data-testid="case-party-add">
                添加当事人
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

// A mediator of the roster (人民调解员花名册), added or edited: the committee (of the offices whose records
// the user keeps; it fixes the office), post, sex, education, full- or part-time, term, phone and the
// trainings. On an edit the ID number is left empty to keep it (the roster shows it masked).
import { useLayoutEffect } from 'react';
import { Button, type ButtonProps, Card, DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  EDUCATION_LEVELS,
  MEDIATOR_POSTS,
  MEDIATOR_POST_LABELS,
  MEDIATOR_SEX_LABELS,
  mediatorInput,
  updateMediatorInput,
  type Committee,
  type Mediator,
} from '@sifasuo/domain';
import { mediationApi } from './api';
import { dayOf, HALF, PAIR } from './shared';
import { checkWith, dropEmpty, requiredBy, useSave } from '../kit/errors';

const required = requiredBy(mediatorInput);
const trainingRequired = requiredBy({ shape: mediatorInput.shape.trainings.unwrap().element.shape });

interface TrainingValues {
  on?: Dayjs;
  title?: string;
  hours?: number;
}
interface Values {
  committeeId?: string;
  name?: string;
  sex?: Mediator['sex'];
  idNumber?: string;
  ethnicity?: string;
  education?: Mediator['education'];
  post?: Mediator['post'];
  fullTime?: boolean;
  phone?: string;
  termStart?: Dayjs;
  termEnd?: Dayjs;
  trainings?: TrainingValues[];
}

export default function MediatorDialog({
  mediator,
  committees,
  officeName,
  onClose,
  onSaved,
}: {
  /** `null`: a new mediator; `undefined`: closed. */
  mediator?: Mediator | null;
  /** The committees the mediator may belong to: those of the offices whose records the user keeps. */
  committees: readonly Committee[];
  officeName: (officeId: string) => string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { busy, save } = useSave(form);
  // An edit keeps the mediator in their office: its committees only.
  const choices = mediator ? committees.filter((c) => c.officeId === mediator.officeId) : committees;
  const severalOffices = new Set(choices.map((c) => c.officeId)).size > 1;

  useLayoutEffect(() => {
    if (mediator === undefined) return;
    form.resetFields();
    if (mediator)
      form.setFieldsValue({
        ...mediator,
        idNumber: undefined,
        termStart: dayjs(mediator.termStart),
        termEnd: dayjs(mediator.termEnd),
        trainings: mediator.trainings.map((t) => ({ ...t, on: dayjs(t.on) })),
      });
    else form.setFieldsValue({ committeeId: committees.length === 1 ? committees[0]!.id : undefined, ethnicity: '汉族', fullTime: false, post: 'mediator', trainings: [] });
  }, [mediator, form, committees]);

  const submit = async () => {
    const v = form.getFieldsValue();
    const fields = dropEmpty({
      committeeId: v.committeeId,
      name: v.name,
      sex: v.sex,
      idNumber: v.idNumber?.trim(),
      ethnicity: v.ethnicity,
      education: v.education,
      post: v.post,
      fullTime: v.fullTime,
      phone: v.phone,
      termStart: dayOf(v.termStart),
      termEnd: dayOf(v.termEnd),
      trainings: (v.trainings ?? []).map((t) => dropEmpty({ on: dayOf(t.on), title: t.title, hours: t.hours })),
    });
    if (mediator) {
      const body = { ...fields, version: mediator.version };
      if (checkWith(form, updateMediatorInput, body))
        await save(() => mediationApi.updateMediator(mediator.id, body), { done: '调解员已保存', then: onSaved, reload: onSaved });
    } else {
      const body = { ...fields, officeId: committees.find((c) => c.id === v.committeeId)?.officeId };
      // The office follows the committee: its message belongs beside the committee.
      if (checkWith(form, mediatorInput, body, { officeId: 'committeeId' }))
        await save(() => mediationApi.createMediator(body), { done: '已新增调解员', then: onSaved });
    }
  };

  return (
    <Modal
      title={mediator ? `编辑调解员 · ${mediator.name}` : '新增调解员'}
      open={mediator !== undefined}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      okText="保存"
      okButtonProps={{ 'data-testid': 'mediator-submit' } as ButtonProps}
      width={720}
      forceRender
    >
      <Form form={form} name="mediator" layout="vertical" autoComplete="off" data-testid="mediator-form">
        <Form.Item name="committeeId" label="所属调委会" required={required('committeeId')}>
          <Select
            placeholder="请选择"
            showSearch={{ optionFilterProp: 'label' }}
            options={choices.map((c) => ({ value: c.id, label: severalOffices ? `${c.name}（${officeName(c.officeId)}）` : c.name }))}
            data-testid="mediator-committee"
          />
        </Form.Item>
        <div style={PAIR}>
          <Form.Item name="name" label="姓名" required={required('name')} style={HALF}>
            <Input maxLength={20} data-testid="mediator-name" />
          </Form.Item>
          <Form.Item name="sex" label="性别" required={required('sex')} style={HALF}>
            <Radio.Group options={(['male', 'female'] as const).map((s) => ({ value: s, label: MEDIATOR_SEX_LABELS[s] }))} data-testid="mediator-sex" />
          </Form.Item>
          <Form.Item
            name="idNumber"
            label="身份证号"
            required={!mediator && required('idNumber')}
            style={HALF}
            extra={mediator ? `当前 ${mediator.idNumber}，不修改请留空` : undefined}
          >
            <Input maxLength={18} data-testid="mediator-idNumber" />
          </Form.Item>
          <Form.Item name="ethnicity" label="民族" required={required('ethnicity')} style={HALF}>
            <Input maxLength={10} data-testid="mediator-ethnicity" />
          </Form.Item>
          <Form.Item name="education" label="学历" required={required('education')} style={HALF}>
            <Select placeholder="请选择" options={EDUCATION_LEVELS.map((e) => ({ value: e, label: e }))} data-testid="mediator-education" />
          </Form.Item>
          <Form.Item name="post" label="职务" required={required('post')} style={HALF}>
            <Select options={MEDIATOR_POSTS.map((p) => ({ value: p, label: MEDIATOR_POST_LABELS[p] }))} data-testid="mediator-post" />
          </Form.Item>
          <Form.Item name="fullTime" label="专兼职" required={required('fullTime')} style={HALF}>
            <Radio.Group
              options={[
                { value: true, label: '专职' },
                { value: false, label: '兼职' },
              ]}
              data-testid="mediator-fullTime"
            />
          </Form.Item>
          <Form.Item name="phone" label="联系电话" required={required('phone')} style={HALF}>
            <Input maxLength={20} data-testid="mediator-phone" />
          </Form.Item>
          <Form.Item name="termStart" label="任期开始日期" required={required('termStart')} style={HALF}>
            <DatePicker style={{ width: '100%' }} data-testid="mediator-termStart" />
          </Form.Item>
          <Form.Item name="termEnd" label="任期结束日期" required={required('termEnd')} style={HALF}>
            <DatePicker style={{ width: '100%' }} data-testid="mediator-termEnd" />
          </Form.Item>
        </div>
        <div style={{ marginBottom: 8 }}>培训记录</div>
        <Form.List name="trainings">
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((f, i) => (
                <Card
                  key={f.key}
                  size="small"
                  title={`培训 ${i + 1}`}
                  style={{ marginBottom: 8 }}
                  data-testid="mediator-training"
                  extra={
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={`删除培训 ${i + 1}`}>
                      删除
                    </Button>
                  }
                >
                  <div style={PAIR}>
                    <Form.Item name={[f.name, 'on']} label="培训日期" required={trainingRequired('on')} style={HALF}>
                      <DatePicker style={{ width: '100%' }} data-testid={`training-${i}-on`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'hours']} label="学时" required={trainingRequired('hours')} style={HALF}>
                      <InputNumber min={0.5} max={200} step={0.5} style={{ width: '100%' }} data-testid={`training-${i}-hours`} />
                    </Form.Item>
                  </div>
                  <Form.Item name={[f.name, 'title']} label="培训内容" required={trainingRequired('title')} style={{ marginBottom: 0 }}>
                    <Input maxLength={60} data-testid={`training-${i}-title`} />
                  </Form.Item>
                </Card>
              ))}
              <Form.ErrorList errors={errors} />
              <Button icon={<PlusOutlined />} onClick={() => add({})} data-testid="mediator-training-add">
                添加培训记录
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

import { useLayoutEffect } from 'react';
import { Form, Input, Modal } from 'antd';
import { changePasswordInput, PASSWORD_MIN_LENGTH } from '@sifasuo/domain';
import { authApi } from './api';
import { checkWith, requiredBy, useSave } from '../kit/errors';

const required = requiredBy(changePasswordInput);

export default function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const { busy, save } = useSave(form);

  useLayoutEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const submit = async () => {
    const v = form.getFieldsValue() as { oldPassword?: string; newPassword?: string; confirm?: string };
    const body = { oldPassword: v.oldPassword ?? '', newPassword: v.newPassword ?? '' };
    if (!checkWith(form, changePasswordInput, body)) return;
    if (v.confirm !== v.newPassword) {
      form.setFields([{ name: 'confirm', errors: ['两次输入的新密码不一致'] }]);
      return;
    }
    await save(() => authApi.changePassword(body), {
      done: '密码已修改',
      then: () => {
        form.resetFields();
        onClose();
      },
    });
  };

  return (
    <Modal title="修改密码" open={open} onOk={submit} onCancel={onClose} confirmLoading={busy} okText="保存" forceRender>
      <Form form={form} name="change-password" layout="vertical" autoComplete="off">
        <Form.Item name="oldPassword" label="原密码" required={required('oldPassword')}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="新密码"
          required={required('newPassword')}
          extra={`至少${PASSWORD_MIN_LENGTH}位，包含大写字母、小写字母、数字、符号中的至少三类`}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="confirm" label="确认新密码" required>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

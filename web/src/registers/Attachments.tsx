// Attachments of a report or a task: each file sent straight to storage by a presigned upload (purpose
// 'attachment'), then listed by name with 移除; the form's value is the list `{uploadId, fileName}`.
// Attachments already on a record are links to download them.
import { useRef, useState } from 'react';
import { App, Button, Flex, Typography } from 'antd';
import { DeleteOutlined, PaperClipOutlined } from '@ant-design/icons';
import { MAX_ATTACHMENT_BYTES, type Attachment, type AttachmentInput } from '@sifasuo/domain';
import { uploadToStorage } from './api';
import { useReportError } from '../kit/errors';

const MAX_FILES = 10;

export function AttachmentsInput({ value = [], onChange, testId = 'attachments' }: { value?: AttachmentInput[]; onChange?: (v: AttachmentInput[]) => void; testId?: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const report = useReportError();
  const { message } = App.useApp();
  const add = async (file: File) => {
    if (file.size > MAX_ATTACHMENT_BYTES) {
      message.error('附件不能超过20MB');
      return;
    }
    setBusy(true);
    try {
      const uploadId = await uploadToStorage('attachment', file);
      onChange?.([...value, { uploadId: uploadId, fileName: file.name }]);
    } catch (e) {
      report(e);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };
  return (
    <Flex vertical gap={4} data-testid={testId}>
      {value.map((a) => (
        <Flex key={a.uploadId} align="center" gap={8}>
          <PaperClipOutlined />
          <Typography.Text ellipsis style={{ maxWidth: 260 }}>
            {a.fileName}
          </Typography.Text>
          <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`移除 ${a.fileName}`} onClick={() => onChange?.(value.filter((x) => x !== a))} />
        </Flex>
      ))}
      <input
        ref={input}
        type="file"
        style={{ display: 'none' }}
        aria-label="选择附件"
        data-testid={`${testId}-file`}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) void add(file);
        }}
      />
      {value.length < MAX_FILES && (
        <div>
          <Button size="small" icon={<PaperClipOutlined />} loading={busy} onClick={() => input.current?.click()} data-testid={`${testId}-add`}>
            添加附件
          </Button>
        </div>
      )}
    </Flex>
  );
}

/** A record's attachments, each a link to download it (the answer's short-lived URL). */
export const AttachmentLinks = ({ items }: { items: readonly Attachment[] }) =>
  items.length ? (
    <Flex vertical gap={2}>
      {items.map((a) =>
        a.url ? (
          <a key={a.uploadId} href={a.url} target="_blank" rel="noreferrer" style={{ textDecoration: 'underline' }}>
            {a.fileName}
          </a>
        ) : (
          <span key={a.uploadId}>{a.fileName}</span>
        ),
      )}
    </Flex>
  ) : (
    <>—</>
  );

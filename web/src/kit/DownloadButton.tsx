// A button that fetches a file from the server and saves it (kit/api.ts `download`): busy while the
// file is made, the file's name in a message when it is saved, a refusal shown as every other failure.
import { useState, type ReactNode } from 'react';
import { App, Button, type ButtonProps } from 'antd';
import { useReportError } from './errors';

export default function DownloadButton({
  fetch,
  children,
  testId,
  ...button
}: Omit<ButtonProps, 'onClick' | 'loading'> & {
  /** Fetches and saves the file; answers its name (`() => download('GET …pdf', …)`). */
  fetch: () => Promise<string>;
  children: ReactNode;
  testId?: string;
}) {
  const [busy, setBusy] = useState(false);
  const report = useReportError();
  const { message } = App.useApp();
  const run = async () => {
    setBusy(true);
    try {
      message.success(`已下载：${await fetch()}`);
    } catch (e) {
      report(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button {...button} loading={busy} onClick={run} data-testid={testId}>
      {children}
    </Button>
  );
}

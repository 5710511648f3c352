// How failures reach the user: field messages beside their inputs (client zod or the server's `fields`),
// a stale version as a notification with a reload action, everything else as a message.
import { useEffect, useRef, useState } from 'react';
import { App, Button, Form, type FormInstance } from 'antd';
import { fieldErrorsOf, type FieldErrors } from '@sifasuo/domain';
import type { z } from 'zod';
import { isApiError } from './api';

/** Server/schema field key → form field name, where the form shows it elsewhere (`from` → `range`). */
export type Aliases = Record<string, string>;

/** `entries.3.code` → ['entries', 3, 'code'] (antd's NamePath). */
const namePath = (key: string) => key.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));

/** Takes every message off the form's fields. */
const clearFieldErrors = (form: FormInstance) => {
  const shown = form.getFieldsError().filter((f) => f.errors.length > 0);
  if (shown.length) form.setFields(shown.map((f) => ({ name: f.name, errors: [] })));
};

/** Puts each message beside its field (and only there); returns the messages that have no field in this form. */
export const applyFieldErrors = (form: FormInstance, fields: FieldErrors, aliases: Aliases = {}): string[] => {
  clearFieldErrors(form);
  const registered = new Set(Object.keys(form.getFieldsValue() ?? {}));
  const leftover: string[] = [];
  const list = Object.entries(fields).flatMap(([key, message]) => {
    const path = namePath(aliases[key] ?? key);
    if (key === '_' || !registered.has(String(path[0]))) {
      leftover.push(message);
      return [];
    }
    return [{ name: path, errors: [message] }];
  });
  form.setFields(list);
  if (list[0]) form.scrollToField(list[0].name, { block: 'center' });
  return leftover;
};

/**
 * Client-side check with the same zod schema the server uses. A tester (or support) can switch it off
 * with `localStorage['sifasuo.clientValidation'] = 'off'` to see the server's own messages; the server
 * validates every request regardless.
 */
export const clientValidationOn = () => {
  try {
    return localStorage.getItem('sifasuo.clientValidation') !== 'off';
  } catch {
    return true;
  }
};

/**
 * True when `value` passes the schema (or client checks are off): from then on it is typed as the
 * schema's input, which is exactly the wiring's `RequestBody` of a route declared with that schema.
 */
export const checkWith = <S extends z.ZodType>(form: FormInstance, schema: S, value: unknown, aliases?: Aliases): value is z.input<S> => {
  if (!clientValidationOn()) return true;
  const result = schema.safeParse(value);
  if (result.success) {
    // What an earlier attempt said is no longer true.
    clearFieldErrors(form);
    return true;
  }
  const leftover = applyFieldErrors(form, fieldErrorsOf(result.error), aliases);
  if (leftover.length) console.warn('未对应到表单字段的校验信息', leftover);
  return false;
};

const valueAt = (values: unknown, path: readonly (string | number)[]): unknown =>
  path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined), values);

/**
 * A field's message goes as soon as its value changes: the user is fixing it (a message set by the
 * client's check or by the server's 400 alike — antd clears only what its own rules set). `useSave`
 * does this for its form; a form without `useSave` calls it itself.
 */
export const useErrorsClearedOnChange = (form: FormInstance) => {
  const values = Form.useWatch((v: unknown) => v, form);
  const previous = useRef<unknown>(values);
  useEffect(() => {
    const before = previous.current;
    previous.current = values;
    if (before === undefined || values === undefined) return;
    const changed = form
      .getFieldsError()
      .filter((f) => f.errors.length > 0 && JSON.stringify(valueAt(before, f.name)) !== JSON.stringify(valueAt(values, f.name)));
    if (changed.length) form.setFields(changed.map((f) => ({ name: f.name, errors: [] })));
  }, [values, form]);
};

/**
 * The form's required marks from the schema it is checked with (the server's): a field is required
 * exactly when the schema refuses it missing. `<Form.Item name="phone" required={required('phone')}>`.
 */
export const requiredBy =
  (schema: { shape: Record<string, z.ZodType> }) =>
  (field: string): boolean => {
    const fieldSchema = schema.shape[field];
    return !!fieldSchema && !fieldSchema.safeParse(undefined).success;
  };

/** The error reporter of a page: `report(e, {form, reload})`. */
export const useReportError = () => {
  const { message, notification } = App.useApp();
  return (e: unknown, opts: { form?: FormInstance; reload?: () => void; aliases?: Aliases } = {}) => {
    if (!isApiError(e)) {
      console.error(e);
      message.error('操作失败，请稍后重试');
      return;
    }
    if (e.status === 401) return; // the session is ending; the login page explains why
    if (e.status === 409) {
      const key = `conflict-${Date.now()}`;
      notification.warning({
        key,
        title: '数据已被他人修改，请刷新后重试',
        description: e.message !== '数据已被他人修改，请刷新后重试' ? e.message : undefined,
        duration: 0,
        actions: (
          <Button
            type="primary"
            size="small"
            data-testid="conflict-reload"
            onClick={() => {
              notification.destroy(key);
              if (opts.reload) opts.reload();
              else window.location.reload();
            }}
          >
            刷新
          </Button>
        ),
      });
      return;
    }
    if (e.fields && opts.form) {
      const leftover = applyFieldErrors(opts.form, e.fields, opts.aliases);
      message.error([e.message, ...leftover].join('；'));
      return;
    }
    if (e.fields) {
      message.error([e.message, ...Object.values(e.fields)].join('；'));
      return;
    }
    message.error(e.message);
  };
};

/**
 * A form's save: busy while it runs; field messages go as their fields change; when it succeeds, the
 * `done` message and `then`; when it fails, the failure reported on the form (field messages beside
 * their inputs, 409 with `reload`).
 */
export const useSave = (form: FormInstance) => {
  useErrorsClearedOnChange(form);
  const [busy, setBusy] = useState(false);
  const report = useReportError();
  const { message } = App.useApp();
  const save = async <T,>(action: () => Promise<T>, opts: { done: string; then: (result: T) => void; reload?: () => void; aliases?: Aliases }) => {
    setBusy(true);
    try {
      const result = await action();
      message.success(opts.done);
      opts.then(result);
    } catch (e) {
      report(e, { form, reload: opts.reload, aliases: opts.aliases });
    } finally {
      setBusy(false);
    }
  };
  return { busy, save };
};

/** Empty inputs are absent fields, not empty strings (the schemas treat '' as a value). */
export const dropEmpty = <T extends Record<string, unknown>>(values: T): Partial<T> =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '' && v !== undefined && v !== null)) as Partial<T>;

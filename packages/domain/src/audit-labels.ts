// The audit log in people's words: each context's tables of actions, target types and fields joined in
// one lookup, and the before/after images turned into the rows of the fields that changed. Pure: the
// portal shows what these return; a new context adds its tables to CONTEXTS and nothing else.
import {
  API_AUDIT,
  API_TARGET_LABELS,
  AUDIT_AUDIT,
  AUDIT_FIELD_LABELS,
  AUDIT_TARGET_LABELS,
  canonicalJson,
  COMMON_AUDIT_FIELDS,
  type AuditAction,
  type AuditField,
  type AuditFieldTable,
  type AuditRecord,
} from './audit';
import { ASSESSMENT_AUDIT, ASSESSMENT_FIELD_LABELS, ASSESSMENT_TARGET_LABELS } from './assessment';
import { AUTH_AUDIT, AUTH_FIELD_LABELS, AUTH_TARGET_LABELS } from './auth';
import { MEDIATION_AUDIT, MEDIATION_FIELD_LABELS, MEDIATION_TARGET_LABELS } from './mediation';
import { REGISTERS_AUDIT, REGISTERS_FIELD_LABELS, REGISTERS_TARGET_LABELS } from './registers-workflows';
import { ORG_AUDIT, ORG_FIELD_LABELS, ORG_TARGET_LABELS } from './org';
import { shanghaiTimestamp } from './time';

interface ContextLabels {
  actions: Readonly<Record<string, AuditAction>>;
  targets: Readonly<Record<string, string>>;
  fields: AuditFieldTable;
}

/** Keyed by the context, the first segment of an action (`org.staff.update`). */
const CONTEXTS: Readonly<Record<string, ContextLabels>> = {
  org: { actions: ORG_AUDIT, targets: ORG_TARGET_LABELS, fields: ORG_FIELD_LABELS },
  auth: { actions: AUTH_AUDIT, targets: AUTH_TARGET_LABELS, fields: AUTH_FIELD_LABELS },
  audit: { actions: AUDIT_AUDIT, targets: AUDIT_TARGET_LABELS, fields: AUDIT_FIELD_LABELS },
  mediation: { actions: MEDIATION_AUDIT, targets: MEDIATION_TARGET_LABELS, fields: MEDIATION_FIELD_LABELS },
  registers: { actions: REGISTERS_AUDIT, targets: REGISTERS_TARGET_LABELS, fields: REGISTERS_FIELD_LABELS },
  assessment: { actions: ASSESSMENT_AUDIT, targets: ASSESSMENT_TARGET_LABELS, fields: ASSESSMENT_FIELD_LABELS },
  api: { actions: API_AUDIT, targets: API_TARGET_LABELS, fields: {} },
};

const ACTION_LABELS = new Map(Object.values(CONTEXTS).flatMap((c) => Object.values(c.actions).map((a) => [a.action, a.label] as const)));

/** `org.staff.update` → 修改工作人员; an action no table knows stays as recorded. */
export const auditActionLabel = (action: string): string => ACTION_LABELS.get(action) ?? action;

/** Every target type a record can name, with its label: the audit log's list to pick from. */
export const AUDIT_TARGET_TYPE_LABELS: Readonly<Record<string, string>> = Object.assign({}, ...Object.values(CONTEXTS).map((c) => c.targets));

export const auditTargetTypeLabel = (targetType: string): string => AUDIT_TARGET_TYPE_LABELS[targetType] ?? targetType;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const instantText = (v: string) => (ISO_INSTANT.test(v) && !Number.isNaN(Date.parse(v)) ? shanghaiTimestamp(new Date(v)) : v);

/**
 * A record's target: its type's label and its id (`工作人员 01M8T…`); a refused request is shown as
 * the request itself (`GET /api/org/offices/0203`); an audit query's time range in Shanghai time.
 */
export const auditTargetText = ({ targetType, targetId }: Pick<AuditRecord, 'targetType' | 'targetId'>): string => {
  if (targetType === 'request') return targetId;
  const id = targetType === 'audit' ? targetId.split('/').map(instantText).join(' 至 ') : targetId;
  return `${auditTargetTypeLabel(targetType)} ${id}`;
};

/** The field of an action's image: the entity's table, then the context's `*`, then the common fields. */
export const auditFieldOf = (action: string, field: string): AuditField => {
  const [context = '', ...rest] = action.split('.');
  const table = CONTEXTS[context]?.fields ?? {};
  const entity = rest.length > 1 ? rest[0]! : '*';
  return table[entity]?.[field] ?? table['*']?.[field] ?? COMMON_AUDIT_FIELDS[field] ?? { label: field };
};

const EMPTY = '—';

/** A recorded value in words: enum values and booleans by their labels, instants in Shanghai time. */
export const auditValueText = (field: AuditField, value: unknown): string => {
  if (value === undefined || value === null || value === '') return EMPTY;
  if (field.format) return field.format(value);
  if (Array.isArray(value)) return value.length ? value.map((v) => auditValueText({ ...field, time: undefined }, v)).join('、') : EMPTY;
  if (typeof value === 'boolean') return field.values?.[String(value)] ?? (value ? '是' : '否');
  if (typeof value === 'object') return canonicalJson(value);
  const text = String(value);
  if (field.values?.[text] !== undefined) return field.values[text]!;
  return field.time && typeof value === 'string' ? instantText(value) : text;
};

export interface AuditChange {
  field: string;
  label: string;
  /** Absent when the record has no before image. */
  before?: string;
  /** Absent when the record has no after image. */
  after?: string;
}

export interface AuditChanges {
  /** Which images the record holds: an update both, a creation only `after`, a refusal often none. */
  sides: 'both' | 'before' | 'after' | 'none';
  /** Both sides: the fields whose value changed; one side: every field it holds. */
  rows: AuditChange[];
}

const fieldsOf = (image: unknown): Record<string, unknown> | undefined => {
  if (image === undefined || image === null) return undefined;
  return typeof image === 'object' && !Array.isArray(image) ? (image as Record<string, unknown>) : { value: image };
};

/** The before/after of a record as rows of labelled values (ID numbers stay masked as recorded). */
export const auditChanges = (record: Pick<AuditRecord, 'action' | 'before' | 'after'>): AuditChanges => {
  const before = fieldsOf(record.before);
  const after = fieldsOf(record.after);
  const sides = before && after ? 'both' : before ? 'before' : after ? 'after' : 'none';
  const keys = [...new Set([...Object.keys(after ?? {}), ...Object.keys(before ?? {})])];
  const rows: AuditChange[] = [];
  for (const key of keys) {
    const b = before?.[key];
    const a = after?.[key];
    if (sides === 'both' && canonicalJson(b ?? null) === canonicalJson(a ?? null)) continue;
    if (sides !== 'both' && (sides === 'before' ? b : a) === undefined) continue;
    const field = auditFieldOf(record.action, key);
    rows.push({
      field: key,
      label: field.label,
      ...(before ? { before: auditValueText(field, b) } : {}),
      ...(after ? { after: auditValueText(field, a) } : {}),
    });
  }
  return { sides, rows };
};

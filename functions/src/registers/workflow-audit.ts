// The refusal audit of a registers write: the action (from the domain's table) and the target the
// request names — a path parameter, or the office a new record's body names.
import { REGISTERS_AUDIT } from '@sifasuo/domain';
import { bodyString, type RawRequest } from '../shared/http';

type Action = keyof typeof REGISTERS_AUDIT;

/** The record the path names (`leaveId`, `reportId`, …). */
export const onPath = (action: Action, param: string) => ({ action: REGISTERS_AUDIT[action], targetId: ({ path }: RawRequest) => path[param] ?? '' });
/** A new record: its office, as the body names it. */
export const onOffice = (action: Action) => ({ action: REGISTERS_AUDIT[action], targetId: ({ raw }: RawRequest) => bodyString(raw, 'officeId') });

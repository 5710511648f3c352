// The kit's events: scorable facts, written as outbox items by any context and forwarded to the bus
// by the table's outbox forwarder. Their source is the producing context; the assessment's rule
// takes them from every context that declares an outbox table.
import { factRetraction, scorableFact } from '@sifasuo/domain';
import { event } from './types';

export const factEvents = {
  FactRecorded: event(undefined, 'FactRecorded', scorableFact),
  FactRetracted: event(undefined, 'FactRetracted', factRetraction),
};

/** Entry of the one forwarder module every outbox table's stream runs. */
export const OUTBOX_FORWARDER_ENTRY = 'functions/src/shared/outbox-forwarder.ts';

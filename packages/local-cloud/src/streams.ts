// The Lambda DynamoDB Streams event source mapping, locally: one loop per streamed wiring table reads
// its stream from DynamoDB Local (every shard, parents before children, in sequence order) and hands
// real-shaped DynamoDBStreamEvent batches to the consumer's handler.
//
// Like Lambda with ReportBatchItemFailures: the checkpoint moves to just before the first failed
// record and delivery resumes there (after a short backoff); a throwing handler gets the whole batch
// again. A record that still fails after MAX_ATTEMPTS is skipped with a loud log line (Lambda would
// send it to the on-failure destination); a batch that keeps throwing is first retried record by
// record, so only the poison record is skipped. Checkpoints (last processed sequence number per
// shard) persist in `<dataDir>/streams.json`: a restart resumes after the last processed record.
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type AttributeValue as SdkAttributeValue,
  type Shard,
  type ShardIteratorType,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AttributeValue, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { resourceName, type FunctionDecl } from '@sifasuo/wiring';
import { localCredentials, REGION } from './config';
import { log as defaultLog } from './util';

/** A wiring table, as far as the stream poller cares. */
export interface StreamedTable {
  id: string;
  stream?: { consumer: string; batchSize: number };
}

/** What the poller needs of the Lambda runtime (`LambdaRuntime` fits). */
export interface StreamRuntime {
  fn(id: string): FunctionDecl;
  entryExists(fn: FunctionDecl): boolean;
  load(fn: FunctionDecl): Promise<unknown>;
  invoke(fnId: string, event: unknown): Promise<unknown>;
}

export interface StreamStats {
  batches: number;
  records: number;
  failures: number;
  skipped: number;
}

export interface StreamPollerHandle {
  stop(): Promise<void>;
  /** Per table id (for diagnostics). */
  stats: Map<string, StreamStats>;
}

export const MAX_ATTEMPTS = 5;

// ---------------------------------------------------------------------------------------------------
// Checkpoints

interface ShardCheckpoint {
  /** Last sequence number handed to the consumer and done with (processed or given up on). */
  sequenceNumber?: string;
  /** A closed shard read to its end. */
  finished?: boolean;
  updatedAt: string;
}

interface CheckpointFile {
  version: 1;
  streams: Record<string, { table: string; shards: Record<string, ShardCheckpoint> }>;
}

/** `<dataDir>/streams.json`: per stream ARN and shard, the last processed sequence number. */
export class CheckpointStore {
  private data: CheckpointFile = { version: 1, streams: {} };

  constructor(
    readonly file: string,
    private readonly log: (msg: string) => void = defaultLog,
  ) {
    if (!existsSync(file)) return;
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as CheckpointFile;
      if (parsed?.version !== 1 || typeof parsed.streams !== 'object' || !parsed.streams) throw new Error('unknown format');
      this.data = parsed;
    } catch (err) {
      // Starting over replays the stream from its oldest record (24 h kept): consumers are idempotent.
      this.log(`streams: ${file} is unreadable (${(err as Error).message}); every stream is read again from its oldest record`);
    }
  }

  get(streamArn: string, shardId: string): ShardCheckpoint | undefined {
    return this.data.streams[streamArn]?.shards[shardId];
  }

  /** Records `sequenceNumber` as processed (never moves a checkpoint backwards). */
  set(streamArn: string, table: string, shardId: string, sequenceNumber: string) {
    const prev = this.get(streamArn, shardId)?.sequenceNumber;
    if (prev && compareSeq(prev, sequenceNumber) >= 0) return;
    this.put(streamArn, table, shardId, { ...this.get(streamArn, shardId), sequenceNumber });
  }

  finish(streamArn: string, table: string, shardId: string) {
    this.put(streamArn, table, shardId, { ...this.get(streamArn, shardId), finished: true });
  }

  /** Forgets shards the stream no longer lists (trimmed after 24 h) and streams of other tables' past lives. */
  prune(streamArn: string, table: string, liveShardIds: ReadonlySet<string>) {
    let changed = false;
    for (const [arn, s] of Object.entries(this.data.streams)) {
      if (arn !== streamArn && s.table === table) {
        delete this.data.streams[arn];
        changed = true;
      }
    }
    const shards = this.data.streams[streamArn]?.shards ?? {};
    for (const id of Object.keys(shards)) {
      if (!liveShardIds.has(id)) {
        delete shards[id];
        changed = true;
      }
    }
    if (changed) this.save();
  }

  private put(streamArn: string, table: string, shardId: string, cp: Omit<ShardCheckpoint, 'updatedAt'>) {
    const s = (this.data.streams[streamArn] ??= { table, shards: {} });
    s.shards[shardId] = { ...cp, updatedAt: new Date().toISOString() };
    this.save();
  }

  private save() {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp-${process.pid}`;
    writeFileSync(tmp, `${JSON.stringify(this.data, null, 2)}\n`);
    renameSync(tmp, this.file);
  }
}

/** Sequence numbers are decimal strings (DynamoDB Local pads them, AWS does not). */
export const compareSeq = (a: string, b: string) => {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

// ---------------------------------------------------------------------------------------------------
// Events

const b64 = (b: Uint8Array | string) => (typeof b === 'string' ? b : Buffer.from(b).toString('base64'));

/** An SDK AttributeValue as Lambda delivers it: the same DynamoDB JSON, binaries as base64 strings. */
function lambdaValue(v: SdkAttributeValue): AttributeValue {
  const x = v as unknown as Record<string, unknown>;
  if (x.B !== undefined) return { B: b64(x.B as Uint8Array) };
  if (x.BS !== undefined) return { BS: (x.BS as Uint8Array[]).map(b64) };
  if (x.M !== undefined) return { M: lambdaImage(x.M as Record<string, SdkAttributeValue>) };
  if (x.L !== undefined) return { L: (x.L as SdkAttributeValue[]).map(lambdaValue) };
  const { $unknown: _, ...rest } = x;
  return rest as AttributeValue;
}

function lambdaImage(image: Record<string, SdkAttributeValue>): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(image).map(([k, v]) => [k, lambdaValue(v)]));
}

/** One stream record in the shape Lambda's DynamoDB event source delivers it. */
export function toLambdaRecord(r: _Record, streamArn: string): DynamoDBRecord {
  const d = r.dynamodb ?? {};
  const created = d.ApproximateCreationDateTime;
  return {
    eventID: r.eventID,
    eventName: r.eventName,
    eventVersion: r.eventVersion ?? '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: REGION,
    dynamodb: {
      ...(created ? { ApproximateCreationDateTime: Math.floor(new Date(created).getTime() / 1000) } : {}),
      Keys: lambdaImage(d.Keys ?? {}),
      ...(d.NewImage ? { NewImage: lambdaImage(d.NewImage) } : {}),
      ...(d.OldImage ? { OldImage: lambdaImage(d.OldImage) } : {}),
      SequenceNumber: d.SequenceNumber,
      SizeBytes: d.SizeBytes,
      StreamViewType: d.StreamViewType,
    },
    eventSourceARN: streamArn,
    ...(r.userIdentity ? { userIdentity: { type: r.userIdentity.Type, principalId: r.userIdentity.PrincipalId } } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------
// Pollers

interface ShardState {
  id: string;
  parent?: string;
  iterator?: string;
  finished: boolean;
  /** Sequence number the current run of failures is about, and how many deliveries failed so far. */
  failingSeq?: string;
  attempts: number;
  /** After a batch kept throwing: deliver this many records one at a time. */
  isolate: number;
  notBefore: number;
}

export interface StreamPollerOptions {
  /** DynamoDB Local endpoint (tables and streams). */
  endpoint: string;
  tables: readonly StreamedTable[];
  stage: string;
  runtime: StreamRuntime;
  /** Checkpoint file, e.g. `<dataDir>/streams.json`. */
  checkpointFile: string;
  /** GetRecords cadence when a shard has nothing new (default 300 ms). */
  intervalMs?: number;
  maxAttempts?: number;
  /** Wait before redelivering after the n-th failure (default 250 ms × n, at most 2 s). */
  backoffMs?: (attempt: number) => number;
  log?: (msg: string) => void;
}

const errName = (err: unknown) => (err as { name?: string })?.name ?? '';

export function startStreamPollers(opts: StreamPollerOptions): StreamPollerHandle {
  const log = opts.log ?? defaultLog;
  const interval = opts.intervalMs ?? 300;
  const maxAttempts = opts.maxAttempts ?? MAX_ATTEMPTS;
  const backoff = opts.backoffMs ?? ((n: number) => Math.min(2000, 250 * n));
  const clientConfig = { region: REGION, endpoint: opts.endpoint, credentials: localCredentials, maxAttempts: 1 };
  const dynamo = new DynamoDBClient(clientConfig);
  const streams = new DynamoDBStreamsClient(clientConfig);
  const store = new CheckpointStore(opts.checkpointFile, log);
  const abort = new AbortController();
  const stats = new Map<string, StreamStats>();
  const loops: Promise<void>[] = [];

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      if (abort.signal.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        abort.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      abort.signal.addEventListener('abort', done);
    });
  const signal = { abortSignal: abort.signal };

  for (const table of opts.tables) {
    if (!table.stream) continue;
    const { consumer, batchSize } = table.stream;
    const fn = opts.runtime.fn(consumer);
    const tableName = resourceName(opts.stage, table.id);
    const s: StreamStats = { batches: 0, records: 0, failures: 0, skipped: 0 };
    stats.set(table.id, s);
    const where = `stream ${table.id}`;

    let streamArn: string | undefined;
    const shards = new Map<string, ShardState>();
    let describedAt = 0;
    let warned = '';
    const warnOnce = (msg: string) => {
      if (warned !== msg) log(msg);
      warned = msg;
    };

    /** Lists the stream's shards (paged), adds new ones, forgets vanished ones. */
    const describe = async () => {
      if (!streamArn) {
        const t = await dynamo.send(new DescribeTableCommand({ TableName: tableName }), signal);
        if (!t.Table?.StreamSpecification?.StreamEnabled || !t.Table.LatestStreamArn) {
          throw new Error(`table ${tableName} has no stream enabled`);
        }
        streamArn = t.Table.LatestStreamArn;
        shards.clear();
      }
      const listed: Shard[] = [];
      let start: string | undefined;
      do {
        const out = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }), signal);
        listed.push(...(out.StreamDescription?.Shards ?? []));
        start = out.StreamDescription?.LastEvaluatedShardId;
      } while (start);
      const live = new Set(listed.map((x) => x.ShardId!));
      for (const id of [...shards.keys()]) if (!live.has(id)) shards.delete(id);
      // Oldest first: a parent's records come before its children's.
      listed.sort((a, b) => compareSeq(a.SequenceNumberRange?.StartingSequenceNumber ?? '0', b.SequenceNumberRange?.StartingSequenceNumber ?? '0'));
      for (const sh of listed) {
        if (shards.has(sh.ShardId!)) continue;
        shards.set(sh.ShardId!, {
          id: sh.ShardId!,
          parent: sh.ParentShardId,
          finished: store.get(streamArn, sh.ShardId!)?.finished === true,
          attempts: 0,
          isolate: 0,
          notBefore: 0,
        });
      }
      store.prune(streamArn, table.id, live);
      describedAt = Date.now();
    };

    const iterator = async (shard: ShardState, type: ShardIteratorType, seq?: string) => {
      const out = await streams.send(
        new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.id, ShardIteratorType: type, SequenceNumber: seq }),
        signal,
      );
      return out.ShardIterator;
    };

    /** Where a shard resumes: after its checkpoint, or from its oldest record the first time. */
    const resume = async (shard: ShardState) => {
      const seq = store.get(streamArn!, shard.id)?.sequenceNumber;
      if (!seq) return iterator(shard, 'TRIM_HORIZON');
      try {
        return await iterator(shard, 'AFTER_SEQUENCE_NUMBER', seq);
      } catch (err) {
        if (errName(err) === 'ResourceNotFoundException' || abort.signal.aborted) throw err;
        log(`${where}: cannot resume ${shard.id} after ${seq} (${errName(err)}: ${(err as Error).message}); reading from its oldest record`);
        return iterator(shard, 'TRIM_HORIZON');
      }
    };

    const skip = (shard: ShardState, records: _Record[], why: string) => {
      s.skipped += records.length;
      const seqs = records.map((r) => r.dynamodb?.SequenceNumber);
      log(
        `!!! ${where}: GAVE UP on ${records.length} record(s) after ${maxAttempts} attempts (${why}); ` +
          `Lambda would send them to the on-failure destination: shard ${shard.id} sequence ${seqs.join(', ')} ` +
          `event ${records.map((r) => `${r.eventName} ${r.eventID}`).join(', ')}`,
      );
      store.set(streamArn!, table.id, shard.id, seqs.at(-1)!);
    };

    /** Reads one batch from a shard and delivers it. Returns true when something happened. */
    const poll = async (shard: ShardState): Promise<boolean> => {
      shard.iterator ??= await resume(shard);
      if (!shard.iterator) {
        shard.finished = true;
        store.finish(streamArn!, table.id, shard.id);
        return true;
      }
      const limit = shard.isolate > 0 ? 1 : Math.max(1, Math.min(1000, batchSize));
      const out = await streams.send(new GetRecordsCommand({ ShardIterator: shard.iterator, Limit: limit }), signal);
      const records = out.Records ?? [];
      if (!records.length) {
        shard.iterator = out.NextShardIterator;
        if (!shard.iterator) {
          // A closed shard read to its end: its children may start.
          shard.finished = true;
          store.finish(streamArn!, table.id, shard.id);
          describedAt = 0;
          return true;
        }
        return false;
      }

      const event: DynamoDBStreamEvent = { Records: records.map((r) => toLambdaRecord(r, streamArn!)) };
      const seqs = records.map((r) => r.dynamodb!.SequenceNumber!);
      s.batches++;
      s.records += records.length;
      let failedAt = -1;
      let threw: unknown;
      try {
        const res = (await opts.runtime.invoke(fn.id, event)) as DynamoDBBatchResponse | undefined | void;
        const failures = res?.batchItemFailures ?? [];
        if (failures.length) {
          const idx = failures.map((f) => seqs.indexOf(String(f?.itemIdentifier ?? '')));
          // An identifier that names no record of the batch fails the whole batch, as in Lambda.
          failedAt = idx.some((i) => i < 0) ? 0 : Math.min(...idx);
        }
      } catch (err) {
        threw = err;
        failedAt = 0;
      }

      if (failedAt < 0) {
        store.set(streamArn!, table.id, shard.id, seqs.at(-1)!);
        shard.iterator = out.NextShardIterator;
        shard.attempts = 0;
        shard.failingSeq = undefined;
        shard.isolate = Math.max(0, shard.isolate - records.length);
        if (!shard.iterator) {
          shard.finished = true;
          store.finish(streamArn!, table.id, shard.id);
          describedAt = 0;
        }
        return true;
      }

      s.failures++;
      if (failedAt > 0) {
        store.set(streamArn!, table.id, shard.id, seqs[failedAt - 1]!);
        shard.isolate = Math.max(0, shard.isolate - failedAt);
      }
      const seq = seqs[failedAt]!;
      if (shard.failingSeq !== seq) shard.attempts = 0;
      shard.failingSeq = seq;
      shard.attempts++;
      const rest = records.slice(failedAt);
      if (threw !== undefined) {
        log(`${where}: consumer ${fn.id} threw (attempt ${shard.attempts}); batch of ${rest.length} will be redelivered: ${(threw as Error)?.stack ?? threw}`);
      } else {
        log(`${where}: consumer ${fn.id} reported a failure at sequence ${seq} (attempt ${shard.attempts}); redelivering from there`);
      }

      if (shard.attempts >= maxAttempts) {
        if (threw !== undefined && rest.length > 1) {
          // Which record is the poison one? Deliver these one at a time to find out.
          log(`${where}: batch keeps throwing; redelivering its ${rest.length} records one at a time`);
          shard.isolate = rest.length;
          shard.attempts = 0;
          shard.failingSeq = undefined;
          shard.notBefore = Date.now() + backoff(1);
        } else {
          skip(shard, [rest[0]!], threw !== undefined ? `threw: ${(threw as Error)?.message ?? threw}` : 'reported as failed');
          shard.attempts = 0;
          shard.failingSeq = undefined;
          shard.isolate = Math.max(0, shard.isolate - 1);
          shard.iterator = await iterator(shard, 'AFTER_SEQUENCE_NUMBER', seq);
          return true;
        }
      } else {
        shard.notBefore = Date.now() + backoff(shard.attempts);
      }
      shard.iterator = await iterator(shard, 'AT_SEQUENCE_NUMBER', seq);
      return true;
    };

    const loop = async () => {
      while (!abort.signal.aborted) {
        try {
          if (!opts.runtime.entryExists(fn)) {
            // The consumer is not written yet: the records wait in the stream (24 h) rather than being lost.
            warnOnce(`${where}: consumer ${fn.entry} does not exist yet; not reading the stream`);
            await pause(2000);
            continue;
          }
          try {
            await opts.runtime.load(fn);
          } catch (err) {
            // A module that does not load is not a failed delivery: wait for it to be fixed.
            warnOnce(`${where}: consumer ${fn.entry} does not load; not reading the stream: ${(err as Error)?.message ?? err}`);
            await pause(2000);
            continue;
          }
          if (!streamArn || Date.now() - describedAt > 5000) await describe();
          let busy = false;
          const now = Date.now();
          for (const shard of shards.values()) {
            if (abort.signal.aborted) break;
            if (shard.finished || shard.notBefore > now) continue;
            // Children wait until their parent is read to its end.
            const parent = shard.parent ? shards.get(shard.parent) : undefined;
            if (parent && !parent.finished) continue;
            try {
              if (await poll(shard)) busy = true;
            } catch (err) {
              if (abort.signal.aborted) break;
              shard.iterator = undefined;
              if (errName(err) === 'ResourceNotFoundException') {
                describedAt = 0;
              } else if (errName(err) !== 'ExpiredIteratorException' && errName(err) !== 'TrimmedDataAccessException') {
                throw err;
              }
            }
          }
          warned = '';
          if (!busy) await pause(interval);
        } catch (err) {
          if (abort.signal.aborted) break;
          warnOnce(`${where}: poller error: ${errName(err)} ${(err as Error)?.message ?? err}`);
          if (errName(err) === 'ResourceNotFoundException') streamArn = undefined;
          for (const sh of shards.values()) sh.iterator = undefined;
          await pause(1000);
        }
      }
    };
    loops.push(loop());
  }

  return {
    stats,
    async stop() {
      abort.abort();
      await Promise.allSettled(loops);
      dynamo.destroy();
      streams.destroy();
    },
  };
}

import { type EntityChange, splitEntityKey } from '@travel/entity-changes';
import type { Logger } from '@travel/logger';
import type { FormattedExecutionResult } from 'graphql';
import { ENTITY_KEY } from './entity-query.ts';
import type { GatewayOperation } from './gateway-execute.ts';
import { type GroupRead, mergeGroupReads } from './merged-read.ts';
import { createPushStream, type PushStream } from './push-stream.ts';
import { overlayState, type StateFields } from './state-overlay.ts';

/** The scope of the groups whose selection holds no field that depends on the viewer. */
export const SHARED_SCOPE = 'any viewer';

/** A query run as a subscriber (their context is the spec's own). */
export type ReadOperation = Omit<GatewayOperation, 'context'>;

/** One active subscription, as the fan-out sees it. */
export interface StreamSpec {
  /** The audience key the subscriber follows (`Shop:s1`), see `audienceKey`. */
  audience: string;
  /** The entity type its binding delivers (`Order`); other entities' events are not its. */
  entityType: string;
  /**
   * Subscribers with equal keys get equal answers (same identity scope, same query, same
   * variables): an event is re-read once per distinct key, not once per subscriber.
   */
  key: string;
  /**
   * The identity scope (the subscriber's credentials): the groups of one scope an event reaches
   * are read in one operation (merged-read.ts), one fetch of the entity's subgraph for all.
   */
  scope: string;
  /**
   * The selection reads the same for every member of the event's audience (viewer-fields.ts):
   * its scope is SHARED_SCOPE, and one member's read serves every subscriber with its key. When
   * that read shows no entity (that member may not see it any more), each re-reads as itself.
   */
  shared?: boolean;
  /** The group's re-read: its query (the entity as `entity`) and the variables it uses. */
  read: GroupRead;
  /** Runs a query through the gateway as the subscriber. */
  run(operation: ReadOperation): Promise<FormattedExecutionResult>;
  /** Where the entity goes in each answer sent: the subscription field's alias or name. */
  responseKey: string;
  /** Where an event's `state` goes in the answer (stateFieldsOf). */
  stateFields: StateFields;
}

export interface EntityStreamsOptions {
  log: Logger;
  /** Answers a subscriber may fall behind by before its subscription is ended; default 100. */
  maxQueued?: number;
  /** Entities whose last version one subscription remembers; default 1000 (oldest forgotten). */
  maxVersions?: number;
}

export interface EntityStreams {
  /** A new subscription; `onEnd` runs once when it ends, whoever ends it. */
  open(spec: StreamSpec, onEnd: () => void): PushStream<FormattedExecutionResult>;
  /** Hands one event to every local subscription whose audience key it names. */
  dispatch(event: EntityChange): void;
  /** Active subscriptions on this instance. */
  readonly size: number;
}

interface Entry {
  spec: StreamSpec;
  stream: PushStream<FormattedExecutionResult>;
  /** Answers go out in event order even when a later re-read finishes first. */
  chain: Promise<void>;
  /** Last version sent per entity: never the same twice, never an earlier after a later. */
  versions: Map<string, number>;
}

/**
 * Audience keys compare case-insensitively: ids are UUIDs, which a client may send in capitals
 * (`Shop:{shopId}` from its argument) while the subgraph announces them in lowercase.
 */
export function audienceKey(key: string): string {
  return key.toLowerCase();
}

/**
 * The local fan-out of entity changes (one channel subscription feeds it). Subscriptions are
 * indexed by audience key: an event reaches the subscriptions of its entity and audience keys
 * without looking at any other.
 */
export function createEntityStreams({
  log,
  maxQueued = 100,
  maxVersions = 1000,
}: EntityStreamsOptions): EntityStreams {
  const byAudience = new Map<string, Set<Entry>>();
  let size = 0;

  const accepts = (entry: Entry, entity: string, version: number) => {
    const last = entry.versions.get(entity);
    if (last !== undefined && version <= last) return false;
    entry.versions.delete(entity);
    entry.versions.set(entity, version);
    if (entry.versions.size > maxVersions) {
      const oldest = entry.versions.keys().next().value;
      if (oldest !== undefined) entry.versions.delete(oldest);
    }
    return true;
  };

  return {
    open(spec, onEnd) {
      const key = audienceKey(spec.audience);
      const entry: Entry = { spec, chain: Promise.resolve(), versions: new Map() } as Entry;
      entry.stream = createPushStream<FormattedExecutionResult>(() => {
        const set = byAudience.get(key);
        if (set?.delete(entry)) size--;
        if (set?.size === 0) byAudience.delete(key);
        onEnd();
      });
      const set = byAudience.get(key) ?? new Set<Entry>();
      set.add(entry);
      byAudience.set(key, set);
      size++;
      return entry.stream;
    },
    dispatch(event) {
      const { type, id } = splitEntityKey(event.entity);
      const reached = new Set<Entry>();
      const receivers: Entry[] = [];
      for (const key of [event.entity, ...event.audience]) {
        for (const entry of byAudience.get(audienceKey(key)) ?? []) {
          if (reached.has(entry)) continue;
          reached.add(entry);
          if (entry.spec.entityType !== type) continue;
          if (!accepts(entry, event.entity, event.version)) continue;
          receivers.push(entry);
        }
      }
      // One read per key, the keys of one scope in one operation; one answer per key and
      // response key, shared by its subscribers.
      const { reads, readers } = readGroups(
        receivers.map((entry) => entry.spec),
        id,
      );
      const shared = new Map<string, Promise<FormattedExecutionResult>>();
      for (const entry of receivers) {
        const { spec } = entry;
        const shape = `${spec.key}\n${spec.responseKey}`;
        let answer = shared.get(shape);
        if (!answer) {
          const read = reads.get(spec.key) as Promise<FormattedExecutionResult>;
          answer = shaped(entry, read, event);
          shared.set(shape, answer);
        }
        const read =
          spec.shared && readers.get(spec.scope) !== spec
            ? answer.then((first) =>
                entityOf(entry, first) ? first : shaped(entry, readAlone(spec, id), event),
              )
            : answer;
        entry.chain = entry.chain
          .then(async () => deliver(entry, await read, maxQueued))
          .catch((err: unknown) => log.error({ err, event }, 'entity change not delivered'));
      }
    },
    get size() {
      return size;
    },
  };
}

/** A group's read as the subscriber's answer, with the event's state laid over it. */
function shaped(
  entry: Entry,
  raw: Promise<FormattedExecutionResult>,
  event: EntityChange,
): Promise<FormattedExecutionResult> {
  const { responseKey, stateFields } = entry.spec;
  return raw.then((read) =>
    overlayState(underResponseKey(read, responseKey), responseKey, stateFields, event.state),
  );
}

/** One group's query alone, as its subscriber. */
function readAlone(spec: StreamSpec, entityId: string): Promise<FormattedExecutionResult> {
  const { query, variables } = spec.read;
  return spec.run({
    document: query.document,
    source: query.source,
    variables: { ...variables, [query.idVariable]: entityId },
  });
}

/**
 * Each group's read of one entity: its own query, or its part of its scope's merged one; and
 * per scope, the subscriber it was read as.
 */
function readGroups(specs: readonly StreamSpec[], entityId: string) {
  const byScope = new Map<string, Map<string, StreamSpec>>();
  for (const spec of specs) {
    const groups = byScope.get(spec.scope) ?? new Map<string, StreamSpec>();
    if (!groups.has(spec.key)) groups.set(spec.key, spec);
    byScope.set(spec.scope, groups);
  }
  const reads = new Map<string, Promise<FormattedExecutionResult>>();
  const readers = new Map<string, StreamSpec>();
  for (const [scope, groups] of byScope) {
    const [first, ...more] = [...groups.values()];
    if (!first) continue;
    readers.set(scope, first);
    if (more.length === 0) {
      reads.set(first.key, readAlone(first, entityId));
      continue;
    }
    const all = [first, ...more];
    const merged = mergeGroupReads(
      all.map((spec) => spec.read),
      entityId,
    );
    const answers = first.run(merged).then(merged.split);
    all.forEach((spec, i) => {
      reads.set(
        spec.key,
        answers.then((parts) => parts[i] ?? { data: null }),
      );
    });
  }
  return { reads, readers };
}

/** A re-read as the subscriber's answer: the entity (and its errors' paths) under their key. */
export function underResponseKey(
  answer: FormattedExecutionResult,
  responseKey: string,
): FormattedExecutionResult {
  if (responseKey === ENTITY_KEY) return answer;
  const errors = answer.errors?.map((error) =>
    error.path?.[0] === ENTITY_KEY
      ? { ...error, path: [responseKey, ...error.path.slice(1)] }
      : error,
  );
  return {
    ...answer,
    ...(answer.data ? { data: { [responseKey]: answer.data[ENTITY_KEY] } } : {}),
    ...(errors ? { errors } : {}),
  };
}

/**
 * Sends what the subscriber may see: the entity, or errors when the re-read failed. A null
 * entity without errors means they may not see it (any more): the event is dropped.
 */
function deliver(entry: Entry, answer: FormattedExecutionResult, maxQueued: number): void {
  const entity = entityOf(entry, answer);
  if (entity === undefined || entity === null) {
    if (!answer.errors?.length) return;
    // The field is non-null: a missing entity nulls the whole answer.
    entry.stream.push({ data: null, errors: answer.errors });
    return;
  }
  if (entry.stream.queued >= maxQueued) {
    entry.stream.end(new Error('Subscriber too slow: events were piling up'));
    return;
  }
  entry.stream.push(answer);
}

const entityOf = (entry: Entry, answer: FormattedExecutionResult) =>
  answer.data?.[entry.spec.responseKey];

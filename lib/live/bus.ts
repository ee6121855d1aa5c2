// Live changes: "this order / subscription changed, re-read it". The message
// is only a topic, never data: subscribers re-read our database, so a lost,
// duplicated or reordered message can never show a wrong state.
//
// On the embedded SQLite default the app is one process and the bus is
// in-process. On PostgreSQL any instance may apply a change (a webhook, a
// queue worker, a return page) while the shopper's stream is held by another,
// so publish is `pg_notify('payport_live', topic)` and each process keeps one
// LISTEN connection that re-emits to its local subscribers. A publisher's own
// subscribers hear it through that LISTEN too (never also locally), so every
// subscriber sees each change once.
//
// Publish after the change is committed, or pass the transaction client as
// `via`: PostgreSQL then delivers the NOTIFY on commit (and not on rollback).
import { dbTarget, getDb, type Db } from "@/lib/db";
import { PgChannelListener, type Backoff } from "@/lib/live/pg-listener";
import { log } from "@/lib/observability/log";

export type LiveTopic = `order:${string}` | `subscription:${string}`;

/** "changed": someone published the topic. "resync": the LISTEN connection (re)started, so changes may have been missed. */
export type LiveChange = { topic: LiveTopic; reason: "changed" | "resync" };
export type LiveListener = (change: LiveChange) => void;

/** The app's Prisma client or a transaction client: whatever the change was written with. */
export type NotifyVia = Pick<Db, "$executeRaw">;

export interface LiveBus {
  publish(topic: LiveTopic, via?: NotifyVia): Promise<void>;
  /** Several topics with one statement (a batch of changes). */
  publishAll(topics: LiveTopic[], via?: NotifyVia): Promise<void>;
  /** Returns the unsubscribe function. */
  subscribe(topic: LiveTopic, listener: LiveListener): () => void;
  subscriberCount(topic: LiveTopic): number;
  /** Resolves once publishes from any process reach this one's subscribers (at once in-process). */
  listening(): Promise<void>;
  close(): Promise<void>;
}

export const LIVE_CHANNEL = "payport_live";

// PostgreSQL caps a NOTIFY payload at 8000 bytes; topics are ids, far below.
const TOPIC = /^(order|subscription):[A-Za-z0-9_-]{1,200}$/;

function isLiveTopic(value: string): value is LiveTopic {
  return TOPIC.test(value);
}

class Subscribers {
  private readonly byTopic = new Map<LiveTopic, Set<LiveListener>>();
  size = 0;

  add(topic: LiveTopic, listener: LiveListener): () => void {
    const set = this.byTopic.get(topic) ?? new Set();
    this.byTopic.set(topic, set);
    // The same function twice is two subscriptions (two streams may share a handler).
    const entry: LiveListener = (change) => listener(change);
    set.add(entry);
    this.size += 1;
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      set.delete(entry);
      this.size -= 1;
      if (set.size === 0) this.byTopic.delete(topic);
    };
  }

  count(topic: LiveTopic): number {
    return this.byTopic.get(topic)?.size ?? 0;
  }

  emit(topic: LiveTopic, reason: LiveChange["reason"]): void {
    for (const listener of [...(this.byTopic.get(topic) ?? [])]) call(listener, { topic, reason });
  }

  resyncAll(): void {
    for (const topic of [...this.byTopic.keys()]) this.emit(topic, "resync");
  }
}

function call(listener: LiveListener, change: LiveChange): void {
  try {
    listener(change);
  } catch (error) {
    log.error("live: a subscriber failed", { topic: change.topic, error });
  }
}

/** One process, no database involved: the SQLite default (and a single-instance deployment). */
export function createLocalBus(): LiveBus {
  const subscribers = new Subscribers();
  return {
    async publish(topic) {
      subscribers.emit(topic, "changed");
    },
    async publishAll(topics) {
      for (const topic of topics) subscribers.emit(topic, "changed");
    },
    subscribe: (topic, listener) => subscribers.add(topic, listener),
    subscriberCount: (topic) => subscribers.count(topic),
    async listening() {},
    async close() {},
  };
}

export type PostgresBusOptions = {
  url: string;
  /** Sends the NOTIFY when publish gets no `via` (the app's Prisma client for that database). */
  db: NotifyVia;
  applicationName?: string;
  backoff?: Backoff;
  /** How long the LISTEN connection stays open with nobody subscribed (page reloads reuse it). */
  idleCloseMs?: number;
};

export function createPostgresBus({ url, db, applicationName = "payport-live", backoff = { initialMs: 250, maxMs: 10_000 }, idleCloseMs = 60_000 }: PostgresBusOptions): LiveBus {
  const subscribers = new Subscribers();
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let waiters: (() => void)[] = [];
  const connection = new PgChannelListener({
    url,
    channel: LIVE_CHANNEL,
    applicationName,
    backoff,
    onNotify: (payload) => {
      if (isLiveTopic(payload)) subscribers.emit(payload, "changed");
    },
    onListening: () => {
      for (const resolve of waiters.splice(0)) resolve();
      subscribers.resyncAll();
    },
    needed: () => subscribers.size > 0,
  });

  return {
    async publish(topic, via = db) {
      if (!isLiveTopic(topic)) throw new Error(`Not a live topic: ${topic}`);
      try {
        await via.$executeRaw`SELECT pg_notify(${LIVE_CHANNEL}, ${topic})`;
      } catch (error) {
        // The change itself is stored; open pages catch up when their stream reconnects.
        log.error("live: could not publish", { topic, error });
      }
    },
    async publishAll(topics, via = db) {
      const bad = topics.find((topic) => !isLiveTopic(topic));
      if (bad) throw new Error(`Not a live topic: ${bad}`);
      if (topics.length === 0) return;
      try {
        await via.$executeRaw`SELECT pg_notify(${LIVE_CHANNEL}, topic) FROM unnest(${topics}::text[]) AS topic`;
      } catch (error) {
        log.error("live: could not publish", { topics: topics.length, error });
      }
    },
    subscribe(topic, listener) {
      clearTimeout(idleTimer);
      idleTimer = undefined;
      const unsubscribe = subscribers.add(topic, listener);
      connection.start();
      return () => {
        unsubscribe();
        if (subscribers.size > 0 || idleTimer) return;
        idleTimer = setTimeout(() => {
          idleTimer = undefined;
          if (subscribers.size === 0) void connection.stop();
        }, idleCloseMs);
        idleTimer.unref?.();
      };
    },
    subscriberCount: (topic) => subscribers.count(topic),
    listening() {
      if (connection.listening) return Promise.resolve();
      return new Promise<void>((resolve) => waiters.push(resolve));
    },
    async close() {
      clearTimeout(idleTimer);
      waiters = [];
      await connection.stop();
    },
  };
}

// One bus per database per process, kept on globalThis so route handlers and
// dev-server reloads share it. Keyed by the database the app's client talks
// to, so tests that install another database (setDb) get that database's bus.
const globalForLive = globalThis as unknown as { __payportLiveBuses?: Map<string, LiveBus> };

export function liveBus(db: Db = getDb()): LiveBus {
  const buses = (globalForLive.__payportLiveBuses ??= new Map());
  const target = dbTarget(db);
  const key = target.provider === "postgresql" ? target.url : "local";
  let bus = buses.get(key);
  if (!bus) {
    bus = target.provider === "postgresql" ? createPostgresBus({ url: target.url, db }) : createLocalBus();
    buses.set(key, bus);
  }
  return bus;
}

/** Tell every instance's subscribers that `topic` changed. */
export function publish(topic: LiveTopic, via?: NotifyVia): Promise<void> {
  return liveBus().publish(topic, via);
}

export function publishAll(topics: LiveTopic[], via?: NotifyVia): Promise<void> {
  return liveBus().publishAll(topics, via);
}

export function subscribe(topic: LiveTopic, listener: LiveListener): () => void {
  return liveBus().subscribe(topic, listener);
}

export function subscriberCount(topic: LiveTopic): number {
  return liveBus().subscriberCount(topic);
}

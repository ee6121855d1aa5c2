// The live-changes bus: in-process on SQLite; on PostgreSQL every process's
// subscribers hear a publish from any process (NOTIFY/LISTEN), exactly once,
// only after commit, and a killed LISTEN connection comes back and tells its
// subscribers to re-read.
import { setLogSink } from "@/lib/observability/log";
import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createPostgresBus, liveBus, publish, subscribe, subscriberCount, type LiveBus, type LiveChange } from "@/lib/live/bus";
import { dbTarget } from "@/lib/db";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { eventually } from "./helpers/emulator";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function recorder() {
  const changes: LiveChange[] = [];
  return { changes, listener: (change: LiveChange) => void changes.push(change), changed: () => changes.filter((c) => c.reason === "changed").length };
}

describe("live bus on sqlite (one process)", () => {
  useTestDatabase("sqlite");

  it("delivers a publish to each subscriber of the topic once, and nothing after unsubscribe", async () => {
    const a = recorder();
    const b = recorder();
    const other = recorder();
    const stopA = subscribe("order:o1", a.listener);
    const stopB = subscribe("order:o1", b.listener);
    const stopOther = subscribe("order:o2", other.listener);
    expect(subscriberCount("order:o1")).toBe(2);

    await publish("order:o1");
    expect(a.changes).toEqual([{ topic: "order:o1", reason: "changed" }]);
    expect(b.changes).toHaveLength(1);
    expect(other.changes).toEqual([]);

    stopA();
    stopA(); // twice is harmless
    await publish("order:o1");
    expect(a.changes).toHaveLength(1);
    expect(b.changes).toHaveLength(2);
    stopB();
    stopOther();
    expect(subscriberCount("order:o1")).toBe(0);
  });

  it("a throwing subscriber does not keep the others from hearing it", async () => {
    const good = recorder();
    const logged: string[] = [];
    setLogSink((line) => logged.push(line));
    const stopBad = subscribe("subscription:sub_1", () => {
      throw new Error("boom");
    });
    const stopGood = subscribe("subscription:sub_1", good.listener);
    await publish("subscription:sub_1");
    expect(good.changed()).toBe(1);
    setLogSink(undefined);
    expect(logged.join("\n")).toMatch(/a subscriber failed.*subscription:sub_1/);
    stopBad();
    stopGood();
  });
});

const postgres = testDatabases().includes("postgres");

describe.runIf(postgres)("live bus on postgres (two processes)", () => {
  const test = useTestDatabase("postgres");
  const buses: LiveBus[] = [];
  const newBus = (applicationName: string) => {
    // Its own LISTEN connection, as another `next start` would have; publishes go through the test database's Prisma client.
    const bus = createPostgresBus({ url: dbTarget(test.db).url, db: test.db, applicationName, backoff: { initialMs: 50, maxMs: 200 } });
    buses.push(bus);
    return bus;
  };
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((bus) => bus.close()));
  });

  async function listening(r: ReturnType<typeof recorder>, count = 1) {
    // Every (re)established LISTEN tells its subscribers to re-read once.
    await eventually(async () => r.changes.filter((c) => c.reason === "resync").length >= count, { timeoutMs: 10_000 });
  }

  it("a publish on one instance reaches the other instance's subscriber, and the publisher's own subscriber exactly once", async () => {
    const a = newBus("payport-live-a");
    const b = newBus("payport-live-b");
    const onA = recorder();
    const onB = recorder();
    const unrelated = recorder();
    a.subscribe("order:ord_1", onA.listener);
    b.subscribe("order:ord_1", onB.listener);
    b.subscribe("order:ord_2", unrelated.listener);
    await Promise.all([listening(onA), listening(onB), listening(unrelated)]);

    await a.publish("order:ord_1");
    await eventually(async () => onB.changed() === 1 && onA.changed() === 1);
    await sleep(300); // would a second copy (local + LISTEN) arrive?
    expect(onA.changed()).toBe(1);
    expect(onB.changed()).toBe(1);
    expect(onB.changes.at(-1)).toEqual({ topic: "order:ord_1", reason: "changed" });
    expect(unrelated.changed()).toBe(0);
  });

  it("a publish inside a transaction is delivered on commit, and not at all on rollback", async () => {
    const b = newBus("payport-live-tx");
    const onB = recorder();
    b.subscribe("subscription:sub_tx", onB.listener);
    await listening(onB);
    const publisher = newBus("payport-live-tx-publisher");

    await test.db.$transaction(async (tx) => {
      await publisher.publish("subscription:sub_tx", tx);
      await sleep(300);
      expect(onB.changed()).toBe(0);
    });
    await eventually(async () => onB.changed() === 1);

    await expect(
      test.db.$transaction(async (tx) => {
        await publisher.publish("subscription:sub_tx", tx);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    await sleep(300);
    expect(onB.changed()).toBe(1);
  });

  it("after its LISTEN connection is killed the bus reconnects, subscribers re-read once, and later publishes arrive", async () => {
    const a = newBus("payport-live-publisher");
    const b = newBus("payport-live-victim");
    const onB = recorder();
    b.subscribe("order:ord_r", onB.listener);
    await listening(onB);

    const admin = new pg.Client({ connectionString: dbTarget(test.db).url });
    await admin.connect();
    try {
      const killed = await admin.query("SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()", ["payport-live-victim"]);
      expect(killed.rows).toEqual([{ ok: true }]);
      // Published while the connection is down: lost as a message, made up for by the re-read.
      await a.publish("order:ord_r");
      await listening(onB, 2);
      expect(onB.changes.filter((c) => c.reason === "resync")).toHaveLength(2);

      await a.publish("order:ord_r");
      await eventually(async () => onB.changed() >= 1);
      const listeners = await admin.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1", ["payport-live-victim"]);
      expect(listeners.rows[0].n).toBe(1); // one LISTEN connection, not one per attempt
    } finally {
      await admin.end();
    }
  });

  it("the app's bus follows the installed database: NOTIFY/LISTEN there, one LISTEN connection for all subscribers", async () => {
    const r1 = recorder();
    const r2 = recorder();
    const stop1 = subscribe("order:ord_app", r1.listener);
    const stop2 = subscribe("order:ord_app", r2.listener);
    await Promise.all([listening(r1), listening(r2)]);
    const other = newBus("payport-live-other-instance");
    await other.publish("order:ord_app");
    await eventually(async () => r1.changed() === 1 && r2.changed() === 1);
    const admin = new pg.Client({ connectionString: dbTarget(test.db).url });
    await admin.connect();
    const rows = await admin.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'payport-live' AND datname = current_database()");
    await admin.end();
    expect(rows.rows[0].n).toBe(1);
    stop1();
    stop2();
    await liveBus().close();
  });
});

// How fast the webhook workers apply a backlog, without HTTP: N ledger rows
// (signed payment_intent.succeeded for N seeded orders, stored through the
// ack's own group commit) are applied by one settle pass, on a fresh SQLite
// file and a fresh PostgreSQL database. bench/webhooks.ts measures the whole
// path; this isolates the workers' capacity (events applied per second).
//   npx tsx bench/webhook-apply.ts
// Env: APPLY_EVENTS (5000); BENCH_POSTGRES_URL (postgresql://postgres@127.0.0.1:5432/postgres).
import { buildEvent, buildPaymentIntent, nowSeconds } from "@/tests/helpers/stripe-events";
import { createTestDatabase, type DbKind } from "@/tests/helpers/db";
import { setDb } from "@/lib/db";
import { acknowledgeStripeEvent, settleStripeEvents } from "@/lib/webhooks/queue";

const count = Number(process.env.APPLY_EVENTS ?? 5000);
process.env.TEST_POSTGRES_URL ??= process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function measure(kind: DbKind) {
  const database = await createTestDatabase(kind);
  const { db } = database;
  // Handlers read the app's client.
  setDb(db);
  try {
    const created = nowSeconds();
    for (let start = 0; start < count; start += 2000) {
      const data = [];
      for (let i = start; i < Math.min(count, start + 2000); i++) data.push({ id: `ao_${i}`, email: `apply-${i}@example.com`, currency: "usd", amount: 2500, stripePaymentIntentId: `pi_apply_${i}` });
      await db.order.createMany({ data });
    }
    const entries = Array.from({ length: count }, (_, i) => {
      const pi = buildPaymentIntent({ id: `pi_apply_${i}`, amount: 2500, amount_received: 2500, currency: "usd", status: "succeeded", latest_charge: `ch_apply_${i}`, metadata: { order_id: `ao_${i}` } });
      const event = buildEvent("payment_intent.succeeded", pi, created, `evt_apply_${i}`);
      return { id: event.id, type: event.type, objectId: pi.id, created, payload: JSON.stringify(event, null, 2) };
    });
    const storeStarted = performance.now();
    await Promise.all(entries.map((entry) => acknowledgeStripeEvent(entry, db)));
    const storeMs = performance.now() - storeStarted;

    const cpu = process.cpuUsage();
    const started = performance.now();
    await settleStripeEvents({ db });
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const [processed, paid] = await Promise.all([db.stripeEvent.count({ where: { status: "processed", attempts: 1 } }), db.order.count({ where: { status: "paid" } })]);
    console.log(
      `${kind.padEnd(8)} ${count} events stored in ${(storeMs / 1000).toFixed(2)} s; applied in ${(ms / 1000).toFixed(2)} s = ${Math.round((count / ms) * 1000)}/s, ` +
        `${((used.user + used.system) / 1000 / count).toFixed(3)} ms CPU/event in this process; processed ${processed}, paid ${paid}${processed === count && paid === count ? "" : "  MISMATCH"}`,
    );
  } finally {
    setDb(undefined);
    await database.drop();
  }
}

for (const kind of ["sqlite", "postgres"] as const) await measure(kind);

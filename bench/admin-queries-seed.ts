// Seeds the admin bench database in a few set-based statements
// (INSERT … SELECT generate_series), never row by row:
//   - customers: one per 10 payments, half the orders signed in;
//   - orders: spread over the last 365 days, inserted in time order; 85 % paid, 5 % failed, the rest
//     pending/canceled/requires_action; 70 % USD, 20 % EUR, 10 % JPY;
//   - refunds: 4 % of paid orders in part, 2 % in full (a Refund row each);
//   - disputes: 0.2 % of paid orders;
//   - Stripe events: one payment_intent.* event per order, small payloads.
import pg from "pg";

export type BenchSeed = {
  counts: Record<string, number>;
  sample: { email: string; orderId: string; paymentIntentId: string; chargeId: string };
};

const SQL = (payments: number) => [
  `INSERT INTO "User" (id, email, role, "createdAt", "updatedAt")
   SELECT 'usr_' || g, 'customer' || g || '@example.com', 'customer', now() - interval '400 days', now()
   FROM generate_series(1, ${Math.max(1, Math.floor(payments / 10))}) g`,
  // r1..r3: independent pseudo-random numbers per row, from the row number (repeatable).
  `INSERT INTO "Order" (id, email, currency, amount, status, "paymentStatus", "paymentStatusAt", "stripePaymentIntentId", "stripeChargeId",
                        "amountRefunded", "paidAt", "cardBrand", "cardLast4", "riskLevel", "userId", "createdAt", "updatedAt")
   SELECT 'ord_' || lpad(g::text, 8, '0'),
          'customer' || (g % ${Math.max(1, Math.floor(payments / 10))} + 1) || '@example.com',
          c.currency, c.amount, s.status, s.payment_status, extract(epoch from t.created_at)::int,
          'pi_bench_' || g,
          CASE WHEN s.status IN ('paid', 'refunded', 'failed') THEN 'ch_bench_' || g END,
          CASE WHEN s.status = 'refunded' THEN c.amount WHEN s.status = 'paid' AND r.r2 < 0.047 THEN c.amount / 2 ELSE 0 END,
          CASE WHEN s.status IN ('paid', 'refunded') THEN t.created_at + interval '4 seconds' END,
          CASE WHEN s.status IN ('paid', 'refunded', 'failed') THEN (ARRAY['visa', 'mastercard', 'amex'])[1 + g % 3] END,
          CASE WHEN s.status IN ('paid', 'refunded', 'failed') THEN lpad((g % 10000)::text, 4, '0') END,
          CASE WHEN s.status IN ('paid', 'refunded') THEN 'normal' END,
          CASE WHEN g % 2 = 0 THEN 'usr_' || (g % ${Math.max(1, Math.floor(payments / 10))} + 1) END,
          t.created_at, t.created_at
   FROM generate_series(1, ${payments}) g
   CROSS JOIN LATERAL (SELECT (hashint4(g) & 2147483647)::float8 / 2147483647 AS r1,
                              (hashint4(g * 7 + 1) & 2147483647)::float8 / 2147483647 AS r2,
                              (hashint4(g * 13 + 5) & 2147483647)::float8 / 2147483647 AS r3) r
   CROSS JOIN LATERAL (SELECT now() - (r.r1 * interval '365 days') AS created_at) t
   CROSS JOIN LATERAL (SELECT CASE WHEN r.r3 < 0.7 THEN 'usd' WHEN r.r3 < 0.9 THEN 'eur' ELSE 'jpy' END AS currency,
                              CASE WHEN r.r3 < 0.9 THEN 500 + (g % 40) * 250 ELSE 500 + (g % 40) * 200 END AS amount) c
   CROSS JOIN LATERAL (SELECT CASE WHEN r.r2 < 0.85 THEN 'paid' WHEN r.r2 < 0.87 THEN 'refunded' WHEN r.r2 < 0.92 THEN 'failed'
                                   WHEN r.r2 < 0.96 THEN 'pending' WHEN r.r2 < 0.98 THEN 'canceled' ELSE 'requires_action' END AS status) s0
   CROSS JOIN LATERAL (SELECT s0.status,
                              CASE s0.status WHEN 'paid' THEN 'succeeded' WHEN 'refunded' THEN 'succeeded' WHEN 'failed' THEN 'requires_payment_method'
                                             WHEN 'pending' THEN 'requires_payment_method' WHEN 'canceled' THEN 'canceled' ELSE 'requires_action' END AS payment_status) s
   -- Rows land in time order, as a live table fills.
   ORDER BY t.created_at`,
  `INSERT INTO "Refund" (id, "stripeRefundId", "orderId", amount, currency, status, "statusAt", reason, "createdAt", "updatedAt")
   SELECT 'ref_' || o.id, 're_bench_' || o.id, o.id, o."amountRefunded", o.currency, 'succeeded', extract(epoch from o."paidAt")::int + 86400,
          'requested_by_customer', LEAST(o."paidAt" + interval '1 day', now()), now()
   FROM "Order" o WHERE o."amountRefunded" > 0`,
  `INSERT INTO "Dispute" (id, "stripeDisputeId", "orderId", "stripeChargeId", amount, currency, reason, status, "evidenceDueBy", "stripeUpdatedAt", "createdAt", "updatedAt")
   SELECT 'dis_' || o.id, 'du_bench_' || o.id, o.id, o."stripeChargeId", o.amount, o.currency, 'fraudulent',
          CASE WHEN o."createdAt" > now() - interval '7 days' THEN 'needs_response' WHEN hashint4(length(o.id) + o.amount) % 2 = 0 THEN 'won' ELSE 'lost' END,
          o."createdAt" + interval '9 days', extract(epoch from o."createdAt")::int, o."createdAt" + interval '2 days', now()
   FROM "Order" o WHERE o.status = 'paid' AND hashint4(('x' || substr(md5(o.id), 1, 8))::bit(32)::int) % 500 = 0`,
  `INSERT INTO "StripeEvent" (id, type, "objectId", created, payload, status, attempts, "handlerMs", "receivedAt", "handledAt")
   SELECT 'evt_bench_' || o.id,
          CASE WHEN o."paymentStatus" = 'succeeded' THEN 'payment_intent.succeeded' WHEN o.status = 'failed' THEN 'payment_intent.payment_failed' ELSE 'payment_intent.created' END,
          o."stripePaymentIntentId", extract(epoch from o."createdAt")::int,
          '{"id":"evt_bench_' || o.id || '","object":"event"}', 'processed', 1, 3 + length(o.id) % 20, o."createdAt", o."createdAt"
   FROM "Order" o`,
  // A live table is vacuumed by autovacuum; index-only scans need the visibility map that leaves.
  `VACUUM ANALYZE`,
];

export async function seedBenchData(url: string, payments: number): Promise<BenchSeed> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of SQL(payments)) {
      const started = performance.now();
      await client.query(statement);
      console.log(`  ${statement.trim().split(/\s+/).slice(0, 3).join(" ").padEnd(28)} ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    const counts: Record<string, number> = {};
    for (const [label, table] of [["payments", "Order"], ["refunds", "Refund"], ["disputes", "Dispute"], ["customers", "User"], ["Stripe events", "StripeEvent"]]) {
      counts[label] = Number((await client.query(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n);
    }
    const sample = (await client.query(`SELECT id, email, "stripePaymentIntentId", "stripeChargeId" FROM "Order" WHERE "stripeChargeId" IS NOT NULL ORDER BY id OFFSET ${Math.floor(payments / 3)} LIMIT 1`)).rows[0];
    return { counts, sample: { email: sample.email, orderId: sample.id, paymentIntentId: sample.stripePaymentIntentId, chargeId: sample.stripeChargeId } };
  } finally {
    await client.end();
  }
}

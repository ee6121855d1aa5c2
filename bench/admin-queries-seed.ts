// Seeds the admin bench database in a few set-based statements
// (INSERT … SELECT generate_series), never row by row:
//   - customers: one per 10 payments, half the orders signed in, half of them with a Stripe customer;
//     the other half of the orders are guests (one GuestCustomer per guest email);
//   - orders: spread over the last 365 days, inserted in time order; 85 % paid, 5 % failed, the rest
//     pending/canceled/requires_action; 70 % USD, 20 % EUR, 10 % JPY;
//   - refunds: 4 % of paid orders in part, 2 % in full (a Refund row each);
//   - disputes: 0.2 % of paid orders;
//   - Stripe events: one payment_intent.* event per order, small payloads;
//   - subscription and invoice payments (Payment rows): one per 4 orders, 90 % subscription, 10 % one-off
//     invoices, of the accounts with a Stripe customer; 3 % refunded (in part or in full), 0.2 % disputed;
//   - Stripe fees on every paid charge, dispute fees on chargebacks; MRR movements, one per 20 orders.
import pg from "pg";

export type BenchSeed = {
  counts: Record<string, number>;
  sample: { email: string; orderId: string; paymentIntentId: string; chargeId: string; subscriptionId: string; invoiceId: string; paymentId: string; guestId: string; userId: string; customerId: string };
};

const SQL = (payments: number) => [
  `INSERT INTO "User" (id, email, role, "stripeCustomerId", "createdAt", "updatedAt")
   SELECT 'usr_' || g, 'customer' || g || '@example.com', 'customer', CASE WHEN g % 2 = 0 THEN 'cus_bench_' || g END,
          now() - interval '400 days' + (g % 1000) * interval '1 minute', now()
   FROM generate_series(1, ${Math.max(1, Math.floor(payments / 10))}) g`,
  // r1..r3: independent pseudo-random numbers per row, from the row number (repeatable).
  `INSERT INTO "Order" (id, email, currency, amount, status, "paymentStatus", "paymentStatusAt", "stripePaymentIntentId", "stripeChargeId",
                        "amountRefunded", "paidAt", "cardBrand", "cardLast4", "riskLevel", "fee", "userId", "createdAt", "updatedAt")
   SELECT 'ord_' || lpad(g::text, 8, '0'),
          CASE WHEN g % 2 = 0 THEN 'customer' ELSE 'guest' END || (g % ${Math.max(1, Math.floor(payments / 10))} + 1) || '@example.com',
          c.currency, c.amount, s.status, s.payment_status, extract(epoch from t.created_at)::int,
          'pi_bench_' || g,
          CASE WHEN s.status IN ('paid', 'refunded', 'failed') THEN 'ch_bench_' || g END,
          CASE WHEN s.status = 'refunded' THEN c.amount WHEN s.status = 'paid' AND r.r2 < 0.047 THEN c.amount / 2 ELSE 0 END,
          CASE WHEN s.status IN ('paid', 'refunded') THEN t.created_at + interval '4 seconds' END,
          CASE WHEN s.status IN ('paid', 'refunded', 'failed') THEN (ARRAY['visa', 'mastercard', 'amex'])[1 + g % 3] END,
          CASE WHEN s.status IN ('paid', 'refunded', 'failed') THEN lpad((g % 10000)::text, 4, '0') END,
          CASE WHEN s.status IN ('paid', 'refunded') THEN 'normal' END,
          CASE WHEN s.status IN ('paid', 'refunded') THEN CASE WHEN c.currency = 'jpy' THEN round(c.amount * 0.036)::int ELSE round(c.amount * 0.029)::int + 30 END END,
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
  `UPDATE "Dispute" SET fee = CASE WHEN currency = 'jpy' THEN 2000 ELSE 1500 END WHERE status IN ('needs_response', 'lost')`,
  `INSERT INTO "GuestCustomer" (id, email, "createdAt", "updatedAt")
   SELECT 'guest_' || md5(o.email), o.email, min(o."paidAt"), now() FROM "Order" o
   WHERE o."userId" IS NULL AND o."paidAt" IS NOT NULL GROUP BY o.email ORDER BY min(o."paidAt")`,
  // Subscription and invoice payments, paid by accounts with a Stripe customer (even user numbers).
  `INSERT INTO "Payment" (id, source, "stripePaymentIntentId", "stripeChargeId", "stripeInvoiceId", "stripeSubscriptionId", "stripeCustomerId", email,
                          currency, amount, "amountRefunded", "refundedAt", status, fee, "cardBrand", "cardLast4", "riskLevel", "paidAt", "createdAt", "updatedAt")
   SELECT 'pay_' || lpad(g::text, 8, '0'), CASE WHEN g % 10 = 0 THEN 'invoice' ELSE 'subscription' END,
          'pi_bench_inv_' || g, 'ch_bench_inv_' || g, 'in_bench_' || g,
          CASE WHEN g % 10 = 0 THEN NULL ELSE 'sub_bench_' || u.n END,
          'cus_bench_' || u.n, 'customer' || u.n || '@example.com',
          c.currency, c.amount,
          CASE WHEN r.r2 < 0.01 THEN c.amount WHEN r.r2 < 0.03 THEN c.amount / 2 ELSE 0 END,
          CASE WHEN r.r2 < 0.03 THEN LEAST(t.created_at + interval '2 days', now()) END,
          CASE WHEN r.r2 < 0.01 THEN 'refunded' ELSE 'paid' END,
          CASE WHEN c.currency = 'jpy' THEN round(c.amount * 0.036)::int ELSE round(c.amount * 0.029)::int + 30 END,
          (ARRAY['visa', 'mastercard', 'amex'])[1 + g % 3], lpad((g % 10000)::text, 4, '0'), 'normal',
          t.created_at, t.created_at, t.created_at
   FROM generate_series(1, ${Math.max(1, Math.floor(payments / 4))}) g
   CROSS JOIN LATERAL (SELECT 2 * (g % ${Math.max(1, Math.floor(payments / 20))} + 1) AS n) u
   CROSS JOIN LATERAL (SELECT (hashint4(g * 3 + 11) & 2147483647)::float8 / 2147483647 AS r1,
                              (hashint4(g * 5 + 17) & 2147483647)::float8 / 2147483647 AS r2,
                              (hashint4(g * 11 + 23) & 2147483647)::float8 / 2147483647 AS r3) r
   CROSS JOIN LATERAL (SELECT now() - (r.r1 * interval '365 days') AS created_at) t
   CROSS JOIN LATERAL (SELECT CASE WHEN r.r3 < 0.7 THEN 'usd' WHEN r.r3 < 0.9 THEN 'eur' ELSE 'jpy' END AS currency,
                              CASE WHEN r.r3 < 0.9 THEN 1500 + (g % 8) * 1000 ELSE 1500 + (g % 8) * 1000 END AS amount) c
   ORDER BY t.created_at`,
  `INSERT INTO "Dispute" (id, "stripeDisputeId", "paymentId", "stripeChargeId", amount, currency, fee, reason, status, "evidenceDueBy", "stripeUpdatedAt", "createdAt", "updatedAt")
   SELECT 'dis_' || p.id, 'du_bench_' || p.id, p.id, p."stripeChargeId", p.amount, p.currency, 1500, 'fraudulent',
          CASE WHEN p."createdAt" > now() - interval '7 days' THEN 'needs_response' WHEN hashint4(length(p.id) + p.amount) % 2 = 0 THEN 'won' ELSE 'lost' END,
          p."createdAt" + interval '9 days', extract(epoch from p."createdAt" + interval '3 days')::int, p."createdAt" + interval '2 days', now()
   FROM "Payment" p WHERE p.status = 'paid' AND hashint4(('x' || substr(md5(p.id), 1, 8))::bit(32)::int) % 500 = 0`,
  `INSERT INTO "MrrMovement" (id, "stripeSubscriptionId", currency, kind, amount, "occurredAt", "createdAt")
   SELECT 'mrr_' || g, 'sub_bench_' || (g % 1000), (ARRAY['usd', 'usd', 'eur', 'jpy'])[1 + g % 4],
          (ARRAY['new', 'new', 'expansion', 'contraction', 'churn'])[1 + g % 5],
          CASE g % 5 WHEN 3 THEN -1000 WHEN 4 THEN -2500 ELSE 2500 END,
          now() - ((hashint4(g) & 2147483647)::float8 / 2147483647) * interval '365 days', now()
   FROM generate_series(1, ${Math.max(1, Math.floor(payments / 20))}) g`,
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
    for (const [label, table] of [["payments", "Order"], ["subscription and invoice payments", "Payment"], ["refunds", "Refund"], ["disputes", "Dispute"], ["customers", "User"], ["guests", "GuestCustomer"], ["MRR movements", "MrrMovement"], ["Stripe events", "StripeEvent"]]) {
      counts[label] = Number((await client.query(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n);
    }
    const sample = (await client.query(`SELECT id, email, "stripePaymentIntentId", "stripeChargeId" FROM "Order" WHERE "stripeChargeId" IS NOT NULL ORDER BY id OFFSET ${Math.floor(payments / 3)} LIMIT 1`)).rows[0];
    const charge = (await client.query(`SELECT id, "stripeSubscriptionId", "stripeInvoiceId" FROM "Payment" WHERE "stripeSubscriptionId" IS NOT NULL ORDER BY id OFFSET ${Math.floor(payments / 12)} LIMIT 1`)).rows[0];
    const guest = (await client.query(`SELECT id FROM "GuestCustomer" ORDER BY id OFFSET ${Math.floor(payments / 40)} LIMIT 1`)).rows[0];
    const user = (await client.query(`SELECT id, "stripeCustomerId" FROM "User" WHERE "stripeCustomerId" IS NOT NULL ORDER BY id OFFSET ${Math.floor(payments / 40)} LIMIT 1`)).rows[0];
    return {
      counts,
      sample: {
        email: sample.email,
        orderId: sample.id,
        paymentIntentId: sample.stripePaymentIntentId,
        chargeId: sample.stripeChargeId,
        subscriptionId: charge.stripeSubscriptionId,
        invoiceId: charge.stripeInvoiceId,
        paymentId: charge.id,
        guestId: guest.id,
        userId: user.id,
        customerId: user.stripeCustomerId,
      },
    };
  } finally {
    await client.end();
  }
}

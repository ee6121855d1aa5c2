// Admin query latency at scale: seeds 1,000,000 order payments and 250,000
// subscription/invoice payments (with proportional refunds, disputes, fees,
// accounts, guests, MRR movements and Stripe events) into a throwaway PostgreSQL
// database, then times the very functions the admin pages call.
//   npx tsx bench/admin-queries.ts [--payments 1000000] [--runs 40] [--keep]
// Needs the PostgreSQL at BENCH_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/postgres);
// creates and drops the database `payport_bench`. Not part of `npm test`.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { getDashboard } from "@/lib/reports/dashboard";
import { encodeCursor } from "@/lib/http/pagination";
import { getChargePaymentDetail, listPayments, type PaymentFilters } from "@/lib/payments/queries";
import { getCustomerDetail, listCustomers, type CustomerFilters } from "@/lib/customers/queries";
import { createDb, setDb } from "@/lib/db";
import { seedBenchData } from "./admin-queries-seed";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i !== -1 ? Number(process.argv[i + 1]) : fallback;
}

const PAYMENTS = arg("payments", 1_000_000);
const RUNS = arg("runs", 40);
const WARMUP = 3;
const TARGET_P95_MS = 50;
const BENCH_DB = "payport_bench";
const base = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const benchUrl = Object.assign(new URL(base), { pathname: `/${BENCH_DB}` }).toString();

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function createDatabase(): Promise<void> {
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS "${BENCH_DB}" WITH (FORCE)`);
    await c.query(`CREATE DATABASE "${BENCH_DB}"`);
  });
  const client = new pg.Client({ connectionString: benchUrl });
  await client.connect();
  const dir = path.join("prisma", "postgres", "migrations");
  for (const name of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    await client.query(readFileSync(path.join(dir, name, "migration.sql"), "utf8"));
  }
  await client.end();
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

type Result = { name: string; p50: number; p95: number; max: number; rows: number };

async function time(name: string, run: () => Promise<number>): Promise<Result> {
  let rows = 0;
  for (let i = 0; i < WARMUP; i++) rows = await run();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    rows = await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const result = { name, p50: percentile(samples, 50), p95: percentile(samples, 95), max: samples[samples.length - 1], rows };
  console.log(`${name.padEnd(40)} p50 ${result.p50.toFixed(1).padStart(7)} ms   p95 ${result.p95.toFixed(1).padStart(7)} ms   (${rows} rows)${result.p95 > TARGET_P95_MS ? "   ✗ over target" : ""}`);
  return result;
}

async function main() {
  const t0 = performance.now();
  console.log(`Creating ${BENCH_DB} and applying prisma/postgres migrations…`);
  await createDatabase();
  const seed = await seedBenchData(benchUrl, PAYMENTS);
  console.log(`Seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${Object.entries(seed.counts).map(([k, v]) => `${v.toLocaleString("en-US")} ${k}`).join(", ")}`);

  const db = createDb(benchUrl);
  setDb(db);
  try {
    for (const period of [7, 30, 90] as const) {
      const started = performance.now();
      await getDashboard(period);
      console.log(`dashboard ${period}d first load (computes missing daily totals): ${(performance.now() - started).toFixed(0)} ms`);
    }

    const page = async (filters: PaymentFilters, cursor: string | null = null) => (await listPayments(filters, cursor)).rows.length;
    const deep = await db.order.findFirstOrThrow({ where: { stripePaymentIntentId: { not: null } }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: Math.floor(PAYMENTS * 0.8), select: { createdAt: true, id: true } });
    const deepCursor = encodeCursor(deep.createdAt, deep.id);
    const monthAgo = new Date(Date.now() - 30 * 86_400_000);
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const sample = seed.sample;

    const results: Result[] = [];
    const bench = async (name: string, run: () => Promise<number>) => results.push(await time(name, run));
    console.log(`\n${RUNS} runs each after ${WARMUP} warm-ups (target p95 ≤ ${TARGET_P95_MS} ms):`);
    await bench("payments: first page", () => page({}));
    await bench("payments: deep page (cursor at 80%)", () => page({}, deepCursor));
    await bench("payments: status=succeeded", () => page({ status: "succeeded" }));
    await bench("payments: status=failed", () => page({ status: "failed" }));
    await bench("payments: status=partially_refunded", () => page({ status: "partially_refunded" }));
    await bench("payments: status=refunded", () => page({ status: "refunded" }));
    await bench("payments: status=disputed", () => page({ status: "disputed" }));
    await bench("payments: currency=jpy", () => page({ currency: "jpy" }));
    await bench("payments: date range (7 days, a month ago)", () => page({ from: day(new Date(monthAgo.getTime() - 7 * 86_400_000)), to: day(monthAgo) }));
    await bench("payments: refunded=yes", () => page({ refunded: "yes" }));
    await bench("payments: disputed=yes", () => page({ disputed: "yes" }));
    await bench("payments: eur + refunded + date range", () => page({ currency: "eur", refunded: "yes", from: day(new Date(Date.now() - 90 * 86_400_000)) }));
    await bench("payments: search by email", () => page({ q: sample.email }));
    await bench("payments: search by email prefix", () => page({ q: sample.email.slice(0, 12) }));
    await bench("payments: search by order id", () => page({ q: sample.orderId }));
    await bench("payments: search by pi_ id", () => page({ q: sample.paymentIntentId }));
    await bench("payments: search by ch_ id", () => page({ q: sample.chargeId }));
    await bench("payments: source=subscription", () => page({ source: "subscription" }));
    await bench("payments: source=invoice + usd", () => page({ source: "invoice", currency: "usd" }));
    await bench("payments: source=order + date range", () => page({ source: "order", from: day(new Date(monthAgo.getTime() - 7 * 86_400_000)), to: day(monthAgo) }));
    await bench("payments: search by sub_ id", () => page({ q: sample.subscriptionId }));
    await bench("payments: search by in_ id", () => page({ q: sample.invoiceId }));
    await bench("payments: search by cus_ id", () => page({ q: sample.customerId }));
    await bench("payment (subscription) detail", async () => ((await getChargePaymentDetail(sample.paymentId)) ? 1 : 0));
    const customers = async (filters: CustomerFilters, cursor: string | null = null) => (await listCustomers(filters, cursor)).rows.length;
    const deepCustomer = await db.guestCustomer.findFirstOrThrow({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: Math.floor((await db.guestCustomer.count()) * 0.8), select: { createdAt: true, id: true } });
    await bench("customers: first page (accounts + guests)", () => customers({}));
    await bench("customers: deep page (cursor at 80% of guests)", () => customers({}, encodeCursor(deepCustomer.createdAt, deepCustomer.id)));
    await bench("customers: search by email prefix", () => customers({ q: "guest12" }));
    await bench("customers: search by cus_ id", () => customers({ q: sample.customerId }));
    await bench("customers: stripe=yes", () => customers({ stripe: "yes" }));
    await bench("customers: paying=yes", () => customers({ paying: "yes" }));
    await bench("customer detail: account with subscription payments", async () => (await getCustomerDetail(sample.userId))?.payments.length ?? 0);
    await bench("customer detail: guest", async () => (await getCustomerDetail(sample.guestId))?.payments.length ?? 0);
    for (const period of [7, 30, 90] as const) {
      await bench(`dashboard: ${period} days`, async () => (await getDashboard(period)).currencies.length);
    }
    const over = results.filter((r) => r.p95 > TARGET_P95_MS);
    console.log(over.length ? `\n${over.length} queries over the ${TARGET_P95_MS} ms target: ${over.map((r) => r.name).join(", ")}` : `\nEvery query's p95 is within ${TARGET_P95_MS} ms.`);
    process.exitCode = over.length ? 1 : 0;
  } finally {
    setDb(undefined);
    await db.$disconnect();
    if (!process.argv.includes("--keep")) await admin((c) => c.query(`DROP DATABASE IF EXISTS "${BENCH_DB}" WITH (FORCE)`));
    else console.log(`Kept ${benchUrl}`);
  }
}

await main();

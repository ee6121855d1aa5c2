// The world the route fuzzer runs in: a customer with everything (a paid
// subscription, an invoice, a card, an order, a usage key, a card setup), a
// second customer who owns none of it, an admin, and the ledger rows the
// admin routes look at. And the cheap fingerprint of everything stored, in
// our database and at the emulator, that proves a refused request wrote nothing.
import { createHash } from "node:crypto";
import { COLLECTIONS } from "@/emulator";
import { POST as setupRoute } from "@/app/api/billing/portal/setup-intents/route";
import { findAccountUser } from "@/lib/auth/users";
import { seedCatalog } from "@/lib/catalog/seed";
import { listPlans, type Plan } from "@/lib/catalog/plans";
import type { Db } from "@/lib/db";
import { createUsageKey } from "@/lib/usage/actions";
import type { EmulatorHandle } from "./emulator";
import { createAdmin } from "./session";
import { buildEvent, buildPaymentIntent, uniqueId } from "./stripe-events";
import { call, rid, subscribedUser } from "../portal-helpers";
import { createOrder } from "../stripe-app/helpers";

export type Caller = "anonymous" | "customer" | "other" | "admin";
export const CALLERS: Caller[] = ["anonymous", "customer", "other", "admin"];

export type FuzzWorld = {
  plans: Plan[];
  users: Record<Exclude<Caller, "anonymous">, { id: string; email: string }>;
  /** The customer's things, by kind: what another customer must never reach. */
  owned: { order: string; subscription: string; subscriptionRow: string; invoice: string; invoiceRow: string; card: string; setupIntent: string; usageKey: string };
  customerStripeId: string;
  /** Text that appears only in the customer's own data. */
  secrets: string[];
  /** Ids to mix into generated input: the customer's, a guest order, ledger rows, catalog prices, the admin. */
  knownIds: string[];
  /** Prices of goods the storefront sells (checkout items). */
  goodsPriceIds: string[];
  /** The customer's usage API key (a real bearer token). */
  usageKey: string;
};

export async function buildFuzzWorld(db: Db, emu: EmulatorHandle, signInAs: (u: { id: string } | null) => void): Promise<FuzzWorld> {
  await seedCatalog();
  const plans = await listPlans();
  const admin = await createAdmin(db);
  const ctx = { db, emu, signInAs, plans };
  const a = await subscribedUser(ctx, { meteredAddon: true });
  const b = await subscribedUser(ctx, { plan: "Starter" });
  const customer = a.customer;
  const card = (await emu.stripe.customers.listPaymentMethods(customer)).data[0].id;
  const invoice = (await emu.stripe.invoices.list({ customer })).data[0].id!;
  const { syncInvoiceById } = await import("@/lib/invoices/sync");
  await syncInvoiceById(invoice);
  const invoiceRow = await db.invoice.findUniqueOrThrow({ where: { stripeInvoiceId: invoice } });
  const subscriptionRow = await db.subscription.findUniqueOrThrow({ where: { stripeSubscriptionId: a.subscriptionId } });
  signInAs(a.user);
  const setup = await call(setupRoute, {}, { body: { requestId: rid() } });
  if (setup.status !== 201) throw new Error(`setup intent → ${setup.status}`);
  // Two keys: the one sent as a bearer token stays out of the id pool, so the fuzzer's DELETEs cannot revoke it.
  const usage = await createUsageKey((await findAccountUser(a.user.id))!);
  const revocable = await createUsageKey((await findAccountUser(a.user.id))!);
  signInAs(null);

  const order = await createOrder(db, { customerId: customer, userId: a.user.id, productName: "Secret Teapot" });
  const guest = await createOrder(db, { productName: "Guest Mug" });
  const dispute = await db.dispute.create({
    data: { stripeDisputeId: uniqueId("du"), orderId: order.id, stripeChargeId: order.stripeChargeId!, amount: 1400, currency: "usd", reason: "fraudulent", status: "needs_response" },
  });
  const pi = buildPaymentIntent({ id: order.stripePaymentIntentId! });
  const event = buildEvent("payment_intent.succeeded", pi);
  await db.stripeEvent.create({ data: { id: event.id, type: event.type, objectId: pi.id, created: event.created, payload: JSON.stringify(event), status: "failed", lastError: "boom" } });
  const prices = await db.price.findMany({ select: { id: true }, take: 5 });
  const goods = await db.price.findMany({ where: { active: true, type: "one_time", product: { kind: "good", active: true } }, select: { id: true }, take: 5 });

  const owned = {
    order: order.id,
    subscription: a.subscriptionId,
    subscriptionRow: subscriptionRow.id,
    invoice,
    invoiceRow: invoiceRow.id,
    card,
    setupIntent: setup.json.setupIntentId as string,
    usageKey: revocable.id,
  };
  return {
    plans,
    users: { customer: a.user, other: b.user, admin },
    owned,
    customerStripeId: customer,
    secrets: [a.user.email, customer, "Secret Teapot"],
    knownIds: [...Object.values(owned), guest.id, dispute.id, dispute.stripeDisputeId, event.id, a.user.id, b.user.id, admin.id, ...prices.map((p) => p.id), order.stripePaymentIntentId!, order.stripeChargeId!],
    goodsPriceIds: goods.map((p) => p.id),
    usageKey: usage.key,
  };
}

/** Each Prisma model's row count and a cheap checksum of its rows; each emulator collection's object ids. */
export type Fingerprint = Record<string, string>;

const hash = (value: unknown) => createHash("sha1").update(JSON.stringify(value)).digest("hex").slice(0, 12);

type RuntimeModel = { fields: { name: string; kind: string }[] };
const fingerprintSql = new WeakMap<Db, string>();

/**
 * One query over every table (a Prisma call per model costs ~1 ms each on a
 * busy machine): the row count, the newest updatedAt, and the summed length of
 * every column as text, which moves with any insert, delete or change of a
 * value's length. Same SQL on SQLite and PostgreSQL.
 */
function sqlFor(db: Db): string {
  let sql = fingerprintSql.get(db);
  if (!sql) {
    const models = (db as unknown as { _runtimeDataModel: { models: Record<string, RuntimeModel> } })._runtimeDataModel.models;
    sql = Object.entries(models)
      .map(([name, model]) => {
        const columns = model.fields.filter((f) => f.kind === "scalar" || f.kind === "enum").map((f) => f.name);
        const lengths = columns.map((c) => `COALESCE(SUM(LENGTH(CAST("${c}" AS TEXT))), 0)`).join(" + ");
        const newest = columns.includes("updatedAt") ? `CAST(MAX("updatedAt") AS TEXT)` : "''";
        return `SELECT '${name}' AS model, CAST(COUNT(*) AS TEXT) AS n, CAST(${lengths} AS TEXT) AS len, ${newest} AS newest FROM "${name}"`;
      })
      .join(" UNION ALL ");
    fingerprintSql.set(db, sql);
  }
  return sql;
}

export async function fingerprint(db: Db, emu: EmulatorHandle): Promise<Fingerprint> {
  const out: Fingerprint = {};
  const rows = await db.$queryRawUnsafe<{ model: string; n: string; len: string; newest: string | null }[]>(sqlFor(db));
  for (const row of rows) out[`db.${row.model}`] = `${row.n} rows, ${row.len} chars, updated ${row.newest ?? "-"}`;
  const store = emu.emulator.store;
  for (const collection of COLLECTIONS) {
    const ids = store.all<{ id: string }>(collection).map((o) => o.id);
    out[`stripe.${collection}`] = `${ids.length}:${hash(ids)}`;
  }
  return out;
}

/** The names whose fingerprint differs. */
export function changed(before: Fingerprint, after: Fingerprint): string[] {
  return Object.keys({ ...before, ...after }).filter((k) => before[k] !== after[k]);
}

// Shared by the portal suites: a signed-in user with a paid subscription made
// through the real subscribe route, and calls to the portal's route handlers.
import { POST as postSubscribe } from "@/app/api/billing/subscribe/route";
import { syncSubscriptionById } from "@/lib/subscriptions/sync";
import { syncCustomerPaymentMethods } from "@/lib/payment-methods/apply";
import type { Plan } from "@/lib/catalog/plans";
import type { Db } from "@/lib/db";
import type { EmulatorHandle } from "./helpers/emulator";

export type Handler<P> = (request: Request, ctx: { params: Promise<P> }) => Promise<Response>;

export async function call<P>(handler: Handler<P>, params: P, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const request = new Request("http://payport.test/api/portal", {
    method: init.method ?? "POST",
    headers: { "content-type": "application/json", ...init.headers },
    body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
  });
  const res = await handler(request, { params: Promise.resolve(params) });
  return { status: res.status, json: (await res.json()) as any };
}

export const rid = () => `req_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 10)}`;

let seq = 0;

export async function subscribedUser(
  ctx: { db: Db; emu: EmulatorHandle; signInAs: (u: { id: string } | null) => void; plans: Plan[] },
  opts: { plan?: string; quantity?: number; meteredAddon?: boolean; card?: string } = {},
) {
  const plan = ctx.plans.find((p) => p.name === (opts.plan ?? "Starter"))!;
  const price = plan.prices.find((p) => p.interval === "month")!;
  const user = await ctx.db.user.create({ data: { email: `portal${++seq}.${Date.now().toString(36)}@example.com`, name: "Portal Person" } });
  ctx.signInAs(user);
  const res = await postSubscribe(
    new Request("http://payport.test/api/billing/subscribe", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ priceId: price.id, quantity: opts.quantity, meteredAddon: opts.meteredAddon }),
    }),
  );
  const body = (await res.json()) as any;
  if (res.status !== 201) throw new Error(`subscribe → ${res.status} ${JSON.stringify(body)}`);
  if (body.intent?.type === "payment") {
    const pi = body.intent.clientSecret.split("_secret_")[0];
    await ctx.emu.stripe.paymentIntents.confirm(pi, { payment_method: opts.card ?? "pm_card_visa", return_url: "http://payport.test/return" });
  }
  const subscription = await syncSubscriptionById(body.subscriptionId);
  const customer = (await ctx.db.user.findUniqueOrThrow({ where: { id: user.id } })).stripeCustomerId!;
  await syncCustomerPaymentMethods(customer);
  return { user, customer, subscription, subscriptionId: body.subscriptionId as string };
}

/** Moves the customer onto a fresh test clock and advances it; resolves once the clock is ready. */
export async function advanceClock(emu: EmulatorHandle, customer: string, toUnix: number, clockId?: string): Promise<string> {
  let id = clockId;
  if (!id) {
    const clock = (await emu.control(`/_emulator/customers/${customer}/test_clock`, {})) as { id: string };
    id = clock.id;
  }
  await emu.stripe.testHelpers.testClocks.advance(id, { frozen_time: toUnix });
  for (let i = 0; i < 200; i++) {
    const c = await emu.stripe.testHelpers.testClocks.retrieve(id);
    if (c.status === "ready") return id;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("test clock never became ready");
}

// Plan and seat changes, cancellation and resumption of the signed-in user's
// own subscription. Every change is previewed with invoices.createPreview and
// applied with the same proration_date, so what the customer confirmed is
// exactly what Stripe invoices.
//
// Proration: `always_invoice`. The difference is invoiced (and charged, or
// credited to the customer's balance for a downgrade) at the moment of the
// change, so the preview's "total due today" is a real invoice the customer
// sees at once, instead of invoice items that silently ride on the renewal.
import Stripe from "stripe";
import type { z } from "zod";
import type { AccountUser } from "@/lib/auth/users";
import { listMeteredAddon, listPlans, type Plan } from "@/lib/catalog/plans";
import { syncSubscriptionById, applyFreshSubscription } from "@/lib/subscriptions/sync";
import { syncInvoiceById } from "@/lib/invoices/sync";
import { HttpError } from "@/lib/errors";
import { getStripe, idempotencyKey } from "@/lib/stripe/client";
import { stripeNow } from "@/lib/subscriptions/clock";
import { getOwnedSubscription } from "@/lib/auth/ownership";
import { recordPortalAction } from "@/lib/audit/portal";
import type { adminCancelSchema, cancelSchema, confirmPlanChangeSchema, planChangeSchema } from "@/lib/subscriptions/schemas";
import { isEndedSubscriptionStatus } from "@/lib/subscriptions/status";
import type { requestOnlySchema } from "@/lib/http/schemas";
import { recordAudit, stripeRequestIdOf, type AuditActor } from "@/lib/audit/actions";
import { getDb } from "@/lib/db";
import { idOf, isStripePermissionError } from "@/lib/stripe/types";

export const PRORATION_BEHAVIOR = "always_invoice" as const;
/** A preview older than this must be looked at again before it is applied. */
export const PREVIEW_TTL_SECONDS = 30 * 60;

type PlanPrice = Plan["prices"][number];

export type PlanChangeTarget = { plan: Plan; price: PlanPrice; quantity: number; item: Stripe.SubscriptionItem };

export type PlanChangePreview = {
  subscriptionId: string;
  prorationDate: number;
  currency: string;
  plan: { name: string; interval: string; unitAmount: number; quantity: number; perSeat: boolean };
  lines: { description: string; amount: number; proration: boolean }[];
  /** What is credited for the unused time on the current plan (a positive number). */
  credited: number;
  /** What is charged for the rest of the period on the new plan. */
  charged: number;
  /** The invoice total (negative: credit to the balance). */
  total: number;
  /** What the card is charged now, after any balance is applied. */
  amountDueToday: number;
  /** A negative total goes to the customer's credit balance, used by the next invoices. */
  creditToBalance: number;
  nextRenewal: { date: number; amount: number };
};

/** The subscription's licensed (seat) item; metered add-on items are left alone by plan changes. */
export function licensedItemOf(subscription: Stripe.Subscription): Stripe.SubscriptionItem | undefined {
  return subscription.items.data.find((item) => item.price.recurring?.usage_type !== "metered");
}

function assertChangeable(subscription: Stripe.Subscription): void {
  if (subscription.status === "past_due" || subscription.status === "unpaid")
    throw new HttpError(409, "Pay the open invoice before changing your plan.");
  if (subscription.status !== "active" && subscription.status !== "trialing")
    throw new HttpError(409, "Only an active or trialing subscription can change plans.");
}

async function resolveTarget(subscription: Stripe.Subscription, input: { priceId: string; quantity: number }): Promise<PlanChangeTarget> {
  const item = licensedItemOf(subscription);
  if (!item) throw new HttpError(409, "This subscription has no plan to change.");
  const plans = await listPlans();
  let found: { plan: Plan; price: PlanPrice } | undefined;
  for (const plan of plans) {
    const price = plan.prices.find((p) => p.id === input.priceId || p.stripePriceId === input.priceId);
    if (price) found = { plan, price };
  }
  if (!found) throw new HttpError(400, "That plan isn't available. Choose one of the plans listed.", "priceId");
  const { plan, price } = found;
  if (!plan.perSeat && input.quantity !== 1) throw new HttpError(400, `${plan.name} isn't billed per seat; leave seats at 1.`, "quantity");
  if (price.currency.toLowerCase() !== item.price.currency.toLowerCase())
    throw new HttpError(400, `Your subscription is billed in ${item.price.currency.toUpperCase()}; choose a ${item.price.currency.toUpperCase()} price.`, "priceId");
  const currentInterval = item.price.recurring?.interval;
  if (price.interval !== currentInterval)
    throw new HttpError(
      400,
      `You're billed ${currentInterval === "year" ? "yearly" : "monthly"}; choose a ${currentInterval === "year" ? "yearly" : "monthly"} price. To switch billing interval, cancel and subscribe again.`,
      "priceId",
    );
  if (price.stripePriceId === item.price.id && input.quantity === (item.quantity ?? 1))
    throw new HttpError(400, "That's already your plan. Choose another plan or a different number of seats.", "priceId");
  return { plan, price, quantity: input.quantity, item };
}

function changeItems(target: PlanChangeTarget) {
  return [{ id: target.item.id, price: target.price.stripePriceId, quantity: target.quantity }];
}

function summarizePreview(subscription: Stripe.Subscription, target: PlanChangeTarget, invoice: Stripe.Invoice, prorationDate: number): PlanChangePreview {
  const lines = invoice.lines.data.map((line) => ({
    description: line.description ?? "Adjustment",
    amount: line.amount,
    proration: !!(line.parent?.subscription_item_details?.proration ?? line.parent?.invoice_item_details?.proration),
  }));
  const credited = -lines.filter((l) => l.amount < 0).reduce((sum, l) => sum + l.amount, 0);
  const charged = lines.filter((l) => l.amount > 0).reduce((sum, l) => sum + l.amount, 0);
  const periodEnd = target.item.current_period_end;
  return {
    subscriptionId: subscription.id,
    prorationDate,
    currency: invoice.currency,
    plan: { name: target.plan.name, interval: target.price.interval, unitAmount: target.price.unitAmount, quantity: target.quantity, perSeat: target.plan.perSeat },
    lines,
    credited,
    charged,
    total: invoice.total,
    amountDueToday: invoice.amount_due,
    creditToBalance: invoice.total < 0 ? -invoice.total : 0,
    nextRenewal: { date: subscription.cancel_at_period_end ? 0 : periodEnd, amount: target.price.unitAmount * target.quantity },
  };
}

export async function previewPlanChange(user: AccountUser, subscriptionId: string, input: z.output<typeof planChangeSchema>): Promise<PlanChangePreview> {
  const subscription = await getOwnedSubscription(user, subscriptionId);
  assertChangeable(subscription);
  const target = await resolveTarget(subscription, input);
  const prorationDate = await stripeNow(subscription);
  const invoice = await getStripe().invoices.createPreview({
    customer: user.stripeCustomerId!,
    subscription: subscription.id,
    subscription_details: { items: changeItems(target), proration_behavior: PRORATION_BEHAVIOR, proration_date: prorationDate },
  });
  return summarizePreview(subscription, target, invoice, prorationDate);
}

export type PlanChangeResult = { subscriptionId: string; status: string; invoice: { id: string; total: number; amountPaid: number; amountDue: number; status: string | null; currency: string } | null };

export async function applyPlanChange(user: AccountUser, subscriptionId: string, input: z.output<typeof confirmPlanChangeSchema>): Promise<PlanChangeResult> {
  const subscription = await getOwnedSubscription(user, subscriptionId);
  assertChangeable(subscription);
  const target = await resolveTarget(subscription, input);
  const now = await stripeNow(subscription);
  if (input.prorationDate > now + 300 || input.prorationDate < now - PREVIEW_TTL_SECONDS)
    throw new HttpError(409, "This preview has expired. Preview the change again to see the current amount.", "prorationDate");
  if (input.prorationDate < target.item.current_period_start || input.prorationDate > target.item.current_period_end)
    throw new HttpError(409, "Your billing period has changed since this preview. Preview the change again.", "prorationDate");

  const updated = await getStripe().subscriptions.update(
    subscription.id,
    {
      items: changeItems(target),
      proration_behavior: PRORATION_BEHAVIOR,
      proration_date: input.prorationDate,
      // The change only sticks once its invoice is paid; a declined upgrade leaves the old plan.
      payment_behavior: "pending_if_incomplete",
    },
    { idempotencyKey: idempotencyKey("subscription", subscription.id, "change", input.requestId) },
  );
  await syncSubscriptionById(updated.id);
  await recordPortalAction(user, idOf(subscription.customer)!, "portal.plan_change", {
    stripeSubscriptionId: subscription.id,
    from: { price: licensedItemOf(subscription)?.price.id ?? null, quantity: licensedItemOf(subscription)?.quantity ?? null },
    to: { plan: target.plan.name, price: target.price.stripePriceId, quantity: target.quantity },
  });
  const latest = idOf(updated.latest_invoice);
  let invoice: PlanChangeResult["invoice"] = null;
  if (latest && latest !== (idOf(subscription.latest_invoice))) {
    await syncInvoiceById(latest);
    const inv = await getStripe().invoices.retrieve(latest);
    invoice = { id: inv.id!, total: inv.total, amountPaid: inv.amount_paid, amountDue: inv.amount_due, status: inv.status, currency: inv.currency };
  }
  return { subscriptionId: updated.id, status: updated.status, invoice };
}

export type SubscriptionActionResult = { subscriptionId: string; status: string; cancelAtPeriodEnd: boolean; cancelAt: number | null };

const result = (s: Stripe.Subscription): SubscriptionActionResult => ({ subscriptionId: s.id, status: s.status, cancelAtPeriodEnd: s.cancel_at_period_end, cancelAt: s.cancel_at });

export async function cancelSubscription(user: AccountUser, subscriptionId: string, input: z.output<typeof cancelSchema>): Promise<SubscriptionActionResult> {
  const subscription = await getOwnedSubscription(user, subscriptionId);
  if (isEndedSubscriptionStatus(subscription.status)) throw new HttpError(409, "This subscription has already ended.");
  const stripe = getStripe();
  let updated: Stripe.Subscription;
  if (input.mode === "period_end") {
    if (subscription.cancel_at_period_end) throw new HttpError(409, "This subscription is already set to end at the end of the period.");
    updated = await stripe.subscriptions.update(
      subscription.id,
      { cancel_at_period_end: true },
      { idempotencyKey: idempotencyKey("subscription", subscription.id, "cancel_at_period_end", input.requestId) },
    );
  } else {
    // Usage so far and pending adjustments are billed on a final invoice; unused time is not refunded.
    updated = await stripe.subscriptions.cancel(
      subscription.id,
      { invoice_now: true, prorate: false },
      { idempotencyKey: idempotencyKey("subscription", subscription.id, "cancel_now") },
    );
  }
  await syncSubscriptionById(updated.id);
  await recordPortalAction(user, idOf(subscription.customer)!, "portal.subscription_cancel", { stripeSubscriptionId: subscription.id, mode: input.mode, outcome: updated.status });
  return result(updated);
}

/** Undo a scheduled cancellation (or resume a paused subscription). */
export async function resumeSubscription(user: AccountUser, subscriptionId: string, input: z.output<typeof requestOnlySchema>): Promise<SubscriptionActionResult> {
  const subscription = await getOwnedSubscription(user, subscriptionId);
  if (isEndedSubscriptionStatus(subscription.status)) throw new HttpError(409, "This subscription has ended; subscribe again to restart it.");
  const stripe = getStripe();
  let updated: Stripe.Subscription;
  if (subscription.status === "paused") {
    updated = await stripe.subscriptions.resume(
      subscription.id,
      { billing_cycle_anchor: { type: "now" } },
      { idempotencyKey: idempotencyKey("subscription", subscription.id, "resume_paused", input.requestId) },
    );
  } else if (subscription.cancel_at_period_end || subscription.cancel_at) {
    updated = await stripe.subscriptions.update(
      subscription.id,
      subscription.cancel_at_period_end ? { cancel_at_period_end: false } : { cancel_at: "" },
      { idempotencyKey: idempotencyKey("subscription", subscription.id, "resume", input.requestId) },
    );
  } else {
    throw new HttpError(409, "This subscription isn't set to end, so there is nothing to resume.");
  }
  await syncSubscriptionById(updated.id);
  await recordPortalAction(user, idOf(subscription.customer)!, "portal.subscription_resume", { stripeSubscriptionId: subscription.id, wasPaused: subscription.status === "paused", outcome: updated.status });
  return result(updated);
}

/** Adds the metered add-on to a subscription that lacks it (billed in arrears per unit reported; nothing is charged now). */
export async function addMeteredAddon(user: AccountUser, subscriptionId: string, input: z.output<typeof requestOnlySchema>): Promise<SubscriptionActionResult> {
  const subscription = await getOwnedSubscription(user, subscriptionId);
  assertChangeable(subscription);
  if (subscription.items.data.some((item) => item.price.recurring?.usage_type === "metered")) throw new HttpError(409, "Your subscription already has the usage add-on.");
  const addon = await listMeteredAddon();
  if (!addon) throw new HttpError(409, "No usage add-on is offered right now.");
  const plan = licensedItemOf(subscription);
  if (plan && (plan.price.recurring?.interval !== addon.price.interval || plan.price.currency !== addon.price.currency))
    throw new HttpError(409, `The ${addon.name} add-on is billed ${addon.price.interval === "year" ? "yearly" : "monthly"} in ${addon.price.currency.toUpperCase()}, so it can't be added to this plan.`);
  const updated = await getStripe().subscriptions.update(
    subscription.id,
    { items: [{ price: addon.price.stripePriceId }], proration_behavior: "none" },
    { idempotencyKey: idempotencyKey("subscription", subscription.id, "add_metered_addon", input.requestId) },
  );
  await syncSubscriptionById(updated.id);
  await recordPortalAction(user, idOf(subscription.customer)!, "portal.addon_add", { stripeSubscriptionId: subscription.id, addon: addon.name, price: addon.price.stripePriceId });
  return result(updated);
}

// Admin "cancel subscription": at the period end (the customer keeps what they
// paid for) or now (usage so far is invoiced, unused time is not refunded, as
// in the customer portal). Checked against Stripe's current state, sent with
// an idempotency key from our row + the action + the form's submission id,
// mirrored from the response and audited with Stripe's request id.

export type AdminCancelResult = { id: string; stripeSubscriptionId: string; status: string; cancelAtPeriodEnd: boolean; stripeRequestId: string | null };

export async function cancelSubscriptionAsAdmin(id: string, { mode, submissionId }: z.output<typeof adminCancelSchema>, actor: AuditActor): Promise<AdminCancelResult> {
  const row = await getDb().subscription.findUnique({ where: { id } });
  if (!row) throw new HttpError(404, "Subscription not found.");

  const stripe = getStripe();
  const details = { stripeSubscriptionId: row.stripeSubscriptionId, mode, submissionId };
  let updated: Stripe.Response<Stripe.Subscription>;
  try {
    // Stripe's state, not our mirror, decides whether there is anything left to cancel.
    const current = await stripe.subscriptions.retrieve(row.stripeSubscriptionId);
    if (isEndedSubscriptionStatus(current.status)) throw new HttpError(409, "This subscription has already ended.");
    if (mode === "period_end" && current.cancel_at_period_end) throw new HttpError(409, "This subscription already ends at the end of its period.");
    updated =
      mode === "period_end"
        ? await stripe.subscriptions.update(row.stripeSubscriptionId, { cancel_at_period_end: true }, { idempotencyKey: idempotencyKey("subscription", row.id, "admin_cancel_at_period_end", submissionId) })
        : await stripe.subscriptions.cancel(row.stripeSubscriptionId, { invoice_now: true, prorate: false }, { idempotencyKey: idempotencyKey("subscription", row.id, "admin_cancel_now", submissionId) });
  } catch (error) {
    if (error instanceof HttpError) throw error;
    const stripeError = error instanceof Stripe.errors.StripeError ? error : null;
    const message = stripeError?.message ?? "Stripe could not be reached.";
    await recordAudit({ actor, action: "subscription.cancel", targetType: "subscription", targetId: row.id, details: { ...details, outcome: "failed", error: message }, stripeRequestId: stripeError?.requestId ?? null });
    if (isStripePermissionError(error)) throw error;
    if (stripeError && (stripeError.statusCode ?? 500) < 500) throw new HttpError(400, `Stripe refused: ${message}`);
    throw new HttpError(502, "Stripe did not answer; try again (the same submission is never sent twice).");
  }
  await applyFreshSubscription(updated);
  const stripeRequestId = stripeRequestIdOf(updated);
  await recordAudit({
    actor,
    action: "subscription.cancel",
    targetType: "subscription",
    targetId: row.id,
    details: { ...details, outcome: updated.status, cancelAtPeriodEnd: updated.cancel_at_period_end },
    stripeRequestId,
  });
  return { id: row.id, stripeSubscriptionId: updated.id, status: updated.status, cancelAtPeriodEnd: updated.cancel_at_period_end, stripeRequestId };
}

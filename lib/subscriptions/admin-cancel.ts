// Admin "cancel subscription": at the period end (the customer keeps what they
// paid for) or now (usage so far is invoiced, unused time is not refunded, as
// in the customer portal). Checked against Stripe's current state, sent with
// an idempotency key from our row + the action + the form's submission id,
// mirrored from the response and audited with Stripe's request id.
import Stripe from "stripe";
import { z } from "zod";
import { recordAudit, stripeRequestIdOf, type AuditActor } from "@/lib/audit/actions";
import { applyFreshSubscription } from "@/lib/subscriptions/sync";
import { getDb } from "@/lib/db";
import { HttpError } from "@/lib/http/errors";
import { getStripe, idempotencyKey } from "@/lib/stripe/client";

export const adminCancelSchema = z.object({
  mode: z.enum(["period_end", "now"], { error: "mode must be period_end or now." }),
  submissionId: z
    .string({ error: "submissionId is required: a random id the form generates once per submission." })
    .min(8, "submissionId must be at least 8 characters.")
    .max(64, "submissionId must be at most 64 characters.")
    .regex(/^[A-Za-z0-9_-]+$/, "submissionId may only contain letters, digits, '-' and '_'."),
});

const ENDED = ["canceled", "incomplete_expired"];

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
    if (ENDED.includes(current.status)) throw new HttpError(409, "This subscription has already ended.");
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

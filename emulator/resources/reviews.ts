// Radar reviews (docs.stripe.com/radar/reviews): opened when a payment's outcome is
// `manual_review` (the elevated-risk test card), closed by an approval, a refund or a dispute.
// `GET /v1/reviews` lists open reviews only, as Stripe does.
import type Stripe from "stripe";
import type { EventCause, Route } from "../core/context.ts";
import type { Emulator } from "../core/emulator.ts";
import { invalidRequest } from "../core/errors.ts";
import { newId, nowSeconds } from "../core/ids.ts";
import { matchesCreated, paginate } from "../core/list.ts";
import { createdFilter, listParams } from "../core/params.ts";
import { load, retrieveRoute } from "./shared.ts";

/** Opens a review on a charge Radar sent to manual review; links it from the charge and its intent. */
export function openReview(emu: Emulator, charge: Stripe.Charge, pi: Stripe.PaymentIntent): Stripe.Review {
  const review: Stripe.Review = {
    id: newId("prv"),
    object: "review",
    billing_zip: charge.billing_details?.address?.postal_code ?? null,
    charge: charge.id,
    closed_reason: null,
    created: nowSeconds(),
    ip_address: null,
    ip_address_location: null,
    livemode: false,
    open: true,
    opened_reason: "rule",
    payment_intent: pi.id,
    reason: "rule",
    session: null,
  };
  charge.review = review.id;
  pi.review = review.id;
  return emu.store.put("reviews", review);
}

/** Closes the charge's open review, if any, with `reason` (Stripe sends `review.closed`). */
export function closeReviewOfCharge(emu: Emulator, chargeId: string, reason: Stripe.Review.ClosedReason, cause: EventCause): Stripe.Review | null {
  const review = emu.store.all<Stripe.Review>("reviews").find((r) => r.charge === chargeId && r.open);
  return review ? closeReview(emu, review, reason, cause) : null;
}

function closeReview(emu: Emulator, review: Stripe.Review, reason: Stripe.Review.ClosedReason, cause: EventCause): Stripe.Review {
  review.open = false;
  review.closed_reason = reason;
  review.reason = reason;
  emu.store.put("reviews", review);
  emu.emit("review.closed", review, cause);
  return review;
}

export const reviewRoutes: Route[] = [
  {
    method: "GET",
    path: "/v1/reviews",
    schema: { ...listParams, created: createdFilter },
    handler(ctx) {
      const items = ctx.emu.store.all<Stripe.Review>("reviews").filter((r) => r.open && matchesCreated(r.created, ctx.params.created));
      return paginate(items, ctx.params, "/v1/reviews");
    },
  },
  retrieveRoute("/v1/reviews/:id", "reviews", "review"),
  {
    method: "POST",
    path: "/v1/reviews/:id/approve",
    schema: {},
    handler(ctx) {
      const review = load<Stripe.Review>(ctx, "reviews", ctx.path.id, "review");
      if (!review.open) throw invalidRequest(`This review (${review.id}) is already closed (${review.closed_reason}) and cannot be approved.`);
      return closeReview(ctx.emu, review, "approved", ctx);
    },
  },
];

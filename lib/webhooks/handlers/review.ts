// review.* carry the whole review: a closed snapshot always wins, so any
// delivery order ends in the same state (lib/reviews/apply).
import { applyReview } from "@/lib/reviews/apply";
import type { StripeEventHandlers } from "@/lib/webhooks/handlers/types";

export const reviewHandlers: StripeEventHandlers = {
  // Radar sent a payment to manual review: its order waits (no fulfilment) until approved.
  "review.opened": async ({ data }) => {
    await applyReview(data.object);
  },
  // Approved (fulfil it), or refunded, disputed or redacted (nothing left to decide).
  "review.closed": async ({ data }) => {
    await applyReview(data.object);
  },
};

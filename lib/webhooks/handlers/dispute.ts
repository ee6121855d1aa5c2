// charge.dispute.* carry the whole dispute: applying the snapshot with the
// event's time mirrors it in any delivery order (lib/disputes/apply).
import { applyDispute } from "@/lib/disputes/apply";
import { applySnapshot, type StripeEventHandlers } from "@/lib/webhooks/handlers/types";

const applyEventDispute = applySnapshot(applyDispute);

export const disputeHandlers: StripeEventHandlers = {
  // A cardholder disputed a charge: evidence is due by evidence_details.due_by.
  "charge.dispute.created": applyEventDispute,
  // Evidence was staged or submitted, or Stripe changed the dispute.
  "charge.dispute.updated": applyEventDispute,
  // Won, lost (or accepted), or an inquiry closed.
  "charge.dispute.closed": applyEventDispute,
  // The disputed amount and fee left our balance.
  "charge.dispute.funds_withdrawn": applyEventDispute,
  // Won: the money came back.
  "charge.dispute.funds_reinstated": applyEventDispute,
};

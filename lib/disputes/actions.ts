// Admin actions on a dispute: submit evidence, or accept it (close = lose).
// Each is checked against our mirror first, sent with an idempotency key from
// our dispute row + the action + the form's submission id (a double click or a
// retried request never submits twice), mirrored from Stripe's response, and
// audited with Stripe's request id.
import Stripe from "stripe";
import { recordAudit, stripeRequestIdOf, type AuditActor } from "@/lib/audit/actions";
import { getDb } from "@/lib/db";
import { applyDispute } from "@/lib/disputes/apply";
import { isRespondable } from "@/lib/disputes/status";
import type { acceptDisputeSchema, SubmitEvidenceInput } from "@/lib/disputes/schemas";
import { HttpError } from "@/lib/errors";
import { getStripe, idempotencyKey } from "@/lib/stripe/client";
import type { z } from "zod";
import { isStripePermissionError, nowSeconds } from "@/lib/stripe/types";

export type DisputeActionResult = { id: string; stripeDisputeId: string; status: string; stripeRequestId: string | null };

async function findRespondableDispute(id: string) {
  const dispute = await getDb().dispute.findUnique({ where: { id } });
  if (!dispute) throw new HttpError(404, "Dispute not found.");
  if (!isRespondable(dispute.status)) throw new HttpError(409, `This dispute is ${dispute.status.replaceAll("_", " ")}; it no longer takes a response.`);
  if (dispute.evidenceDueBy && dispute.evidenceDueBy.getTime() <= Date.now())
    throw new HttpError(409, "The evidence deadline for this dispute has passed.");
  return dispute;
}

/** Runs the Stripe call; a Stripe refusal (4xx) becomes a 400 with its message, anything else a 502. Both are audited. */
async function callStripe<T>(
  audit: { actor: AuditActor; action: string; targetId: string; details: Record<string, unknown> },
  call: () => Promise<Stripe.Response<T>>,
): Promise<Stripe.Response<T>> {
  try {
    return await call();
  } catch (error) {
    const stripeError = error instanceof Stripe.errors.StripeError ? error : null;
    const message = stripeError?.message ?? "Stripe could not be reached.";
    await recordAudit({
      actor: audit.actor,
      action: audit.action,
      targetType: "dispute",
      targetId: audit.targetId,
      details: { ...audit.details, outcome: "failed", error: message },
      stripeRequestId: stripeError?.requestId ?? null,
    });
    if (isStripePermissionError(error)) throw error;
    if (stripeError && (stripeError.statusCode ?? 500) < 500) throw new HttpError(400, `Stripe refused: ${message}`);
    throw new HttpError(502, "Stripe did not answer; try again (the same submission is never sent twice).");
  }
}

export async function submitDisputeEvidence(id: string, { evidence, submit, submissionId }: SubmitEvidenceInput, actor: AuditActor): Promise<DisputeActionResult> {
  const dispute = await findRespondableDispute(id);
  const details = { stripeDisputeId: dispute.stripeDisputeId, submit, fields: Object.keys(evidence), submissionId };

  const updated = await callStripe({ actor, action: "dispute.evidence", targetId: dispute.id, details }, () =>
    getStripe().disputes.update(
      dispute.stripeDisputeId,
      { evidence, submit },
      { idempotencyKey: idempotencyKey("dispute", dispute.id, "evidence", submissionId) },
    ),
  );
  await applyDispute(updated, nowSeconds(), { onlyForward: true });
  const stripeRequestId = stripeRequestIdOf(updated);
  await recordAudit({
    actor,
    action: "dispute.evidence",
    targetType: "dispute",
    targetId: dispute.id,
    details: { ...details, outcome: updated.status },
    stripeRequestId,
  });
  return { id: dispute.id, stripeDisputeId: dispute.stripeDisputeId, status: updated.status, stripeRequestId };
}

export async function acceptDispute(id: string, { submissionId }: z.output<typeof acceptDisputeSchema>, actor: AuditActor): Promise<DisputeActionResult> {
  const dispute = await findRespondableDispute(id);
  const details = { stripeDisputeId: dispute.stripeDisputeId, submissionId };

  const closed = await callStripe({ actor, action: "dispute.close", targetId: dispute.id, details }, () =>
    getStripe().disputes.close(dispute.stripeDisputeId, {}, { idempotencyKey: idempotencyKey("dispute", dispute.id, "close", submissionId) }),
  );
  await applyDispute(closed, nowSeconds(), { onlyForward: true });
  const stripeRequestId = stripeRequestIdOf(closed);
  await recordAudit({ actor, action: "dispute.close", targetType: "dispute", targetId: dispute.id, details: { ...details, outcome: closed.status }, stripeRequestId });
  return { id: dispute.id, stripeDisputeId: dispute.stripeDisputeId, status: closed.status, stripeRequestId };
}

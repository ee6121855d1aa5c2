// Routes of /v1/disputes: retrieve, list, update (evidence, submit) and close. Submitted evidence
// `winning_evidence` / `losing_evidence` decides the test-mode outcome.
import { invalidRequest } from "../core/errors.ts";
import type Stripe from "stripe";
import type { Route } from "../core/context.ts";
import { nowSeconds } from "../core/ids.ts";
import { matchesCreated, paginate } from "../core/list.ts";
import { bool, createdFilter, listParams, mergeMetadata, metadata, obj, oneOf, openObj, str } from "../core/params.ts";
import { load, retrieveRoute } from "./shared.ts";
import { evidenceSpec } from "./dispute_evidence.ts";
import { closeDispute, type DisputeObject } from "./dispute_lifecycle.ts";

const OPEN_STATUSES = ["needs_response", "warning_needs_response"];

export const disputeRoutes: Route[] = [
  retrieveRoute("/v1/disputes/:id", "disputes", "dispute"),
  {
    method: "GET",
    path: "/v1/disputes",
    schema: { ...listParams, charge: str(), payment_intent: str(), created: createdFilter },
    handler(ctx) {
      const p = ctx.params;
      const items = ctx.emu.store
        .all<DisputeObject>("disputes")
        .filter(
          (d) => (!p.charge || d.charge === p.charge) && (!p.payment_intent || d.payment_intent === p.payment_intent) && matchesCreated(d.created, p.created),
        );
      return paginate(items, p, "/v1/disputes");
    },
  },
  {
    method: "POST",
    path: "/v1/disputes/:id",
    schema: {
      evidence: obj({ ...evidenceSpec, enhanced_evidence: openObj() }),
      metadata: metadata(),
      submit: bool(),
      intended_submission_method: oneOf("manual", "prefer_manual", "prefer_smart_disputes", "smart_disputes"),
    },
    handler(ctx) {
      const dispute = load<DisputeObject>(ctx, "disputes", ctx.path.id, "dispute");
      const p = ctx.params;
      const touchesEvidence = p.evidence !== undefined || p.submit !== undefined;
      if (touchesEvidence && !OPEN_STATUSES.includes(dispute.status))
        throw invalidRequest(`This dispute is already ${dispute.status === "under_review" || dispute.status === "warning_under_review" ? "under review" : "closed"} and its evidence can no longer be updated.`);
      if (touchesEvidence && dispute.evidence_details.due_by && nowSeconds() > dispute.evidence_details.due_by)
        throw invalidRequest("The deadline for submitting evidence for this dispute has passed.");
      const previous: Record<string, unknown> = {};
      if (p.evidence) {
        previous.evidence = { ...dispute.evidence };
        const next = { ...dispute.evidence } as unknown as Record<string, unknown>;
        for (const [k, v] of Object.entries(p.evidence)) next[k] = k === "enhanced_evidence" ? (v ?? {}) : v;
        dispute.evidence = next as unknown as Stripe.Dispute.Evidence;
        dispute.evidence_details = { ...dispute.evidence_details, has_evidence: true };
      }
      if (p.metadata !== undefined) {
        previous.metadata = dispute.metadata;
        dispute.metadata = mergeMetadata(dispute.metadata, p.metadata);
      }
      const submit = touchesEvidence && p.submit !== false;
      if (submit) {
        previous.status = dispute.status;
        dispute.status = dispute.status === "warning_needs_response" ? "warning_under_review" : "under_review";
        dispute.evidence_details = { ...dispute.evidence_details, submission_count: dispute.evidence_details.submission_count + 1, has_evidence: true, submission_method: "manual" };
      }
      ctx.emu.store.put("disputes", dispute);
      ctx.emu.emit("charge.dispute.updated", dispute, ctx, previous);
      if (submit) {
        const text = dispute.evidence.uncategorized_text;
        const id = dispute.id;
        ctx.emu.later(() => {
          const current = ctx.emu.store.get<DisputeObject>("disputes", id);
          if (!current) return;
          if (current.status === "warning_under_review") closeDispute(ctx.emu, current, "warning_closed", null);
          else if (text === "winning_evidence") closeDispute(ctx.emu, current, "won", null);
          else if (text === "losing_evidence") closeDispute(ctx.emu, current, "lost", null);
        });
      }
      return dispute;
    },
  },
  {
    method: "POST",
    path: "/v1/disputes/:id/close",
    schema: {},
    handler(ctx) {
      const dispute = load<DisputeObject>(ctx, "disputes", ctx.path.id, "dispute");
      if (!OPEN_STATUSES.includes(dispute.status) && dispute.status !== "under_review" && dispute.status !== "warning_under_review")
        throw invalidRequest(`This dispute is already closed (status: ${dispute.status}).`);
      const inquiry = dispute.status.startsWith("warning_");
      closeDispute(ctx.emu, dispute, inquiry ? "warning_closed" : "lost", ctx);
      return dispute;
    },
  },
];

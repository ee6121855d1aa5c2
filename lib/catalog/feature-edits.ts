// Staff edit what a plan (or the add-on) includes. Stripe's product
// marketing_features stay the one source: the change is sent to Stripe with an
// idempotency key from our product row and the submission's request id, and
// Stripe's answer is mirrored at once (the same path as the product.updated
// webhook that follows), so /pricing and the portal, which read the mirror on
// every request, show it immediately. Audited with Stripe's request id, the
// features before and after.
import Stripe from "stripe";
import { z } from "zod";
import { recordAudit, stripeRequestIdOf, type AuditActor } from "@/lib/audit/actions";
import { mirrorProduct } from "@/lib/catalog/apply";
import { parseFeatures } from "@/lib/catalog/features";
import { getDb } from "@/lib/db";
import { HttpError } from "@/lib/errors";
import { getStripe, idempotencyKey } from "@/lib/stripe/client";

/** Stripe's limits on a product's marketing_features. */
export const MAX_FEATURES = 15;
export const MAX_FEATURE_LENGTH = 80;

export const featureListSchema = z
  .array(
    z
      .string({ error: "Each feature must be text, e.g. \"Priority support\"." })
      .trim()
      .min(1, "A feature cannot be empty; remove the empty line.")
      .max(MAX_FEATURE_LENGTH, `A feature is at most ${MAX_FEATURE_LENGTH} characters (Stripe's limit).`),
    { error: "features must be a list of feature names." },
  )
  .max(MAX_FEATURES, `A plan lists at most ${MAX_FEATURES} features (Stripe's limit).`)
  .refine((list) => new Set(list.map((f) => f.toLowerCase())).size === list.length, "Each feature may appear only once; remove the duplicate.");

export type FeatureEdit = { stripeProductId: string; features: string[]; requestId: string };

export async function updatePlanFeatures({ stripeProductId, features, requestId }: FeatureEdit, actor: AuditActor) {
  const product = await getDb().product.findUnique({ where: { stripeProductId } });
  if (!product) throw new HttpError(404, `Payport has no product ${stripeProductId}; it appears once Stripe's product webhook has reached Payport.`, "product_id");
  if (product.kind === "good") {
    throw new HttpError(409, `${product.name} is a storefront item, not a plan or add-on: features are shown for plans only (product metadata payport_kind).`, "product_id");
  }
  const before = parseFeatures(product.features);
  const details = { stripeProductId, before, after: features, requestId };
  let updated: Stripe.Response<Stripe.Product>;
  try {
    updated = await getStripe().products.update(
      stripeProductId,
      { marketing_features: features.length ? features.map((name) => ({ name })) : "" },
      { idempotencyKey: idempotencyKey("product", product.id, "features", requestId) },
    );
  } catch (error) {
    const stripeError = error instanceof Stripe.errors.StripeError ? error : null;
    const message = stripeError?.message ?? "Stripe could not be reached.";
    await recordAudit({ actor, action: "product.features_update", targetType: "product", targetId: product.id, details: { ...details, outcome: "failed", error: message }, stripeRequestId: stripeError?.requestId ?? null });
    if (stripeError && (stripeError.statusCode ?? 500) < 500) throw new HttpError(400, `Stripe refused: ${message}`);
    throw new HttpError(502, "Stripe did not answer; nothing changed. Try again (the same save is never applied twice).");
  }
  const row = await mirrorProduct(updated, updated.updated);
  await recordAudit({ actor, action: "product.features_update", targetType: "product", targetId: product.id, details: { ...details, outcome: "updated" }, stripeRequestId: stripeRequestIdOf(updated) });
  return row;
}

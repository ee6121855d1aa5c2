// The product detail page: what a plan includes, and whether this Dashboard
// user may change it (lib/stripe-app/roles.ts decides from the signed roles).
import { parseFeatures } from "@/lib/catalog/features";
import { MAX_FEATURE_LENGTH, MAX_FEATURES, updatePlanFeatures } from "@/lib/catalog/feature-edits";
import { getDb } from "@/lib/db";
import { HttpError } from "@/lib/errors";
import { dashboardActor } from "@/lib/stripe-app/actor";
import type { StripeAppCaller } from "@/lib/stripe-app/authenticate";
import { catalogEditRefusal } from "@/lib/stripe-app/roles";
import type { StripeAppProductView } from "@/stripe-app/src/contract";

type ProductRow = { stripeProductId: string; name: string; kind: string; active: boolean; features: string | null };

function toProductView(row: ProductRow | null, caller: StripeAppCaller): StripeAppProductView {
  const kind = row?.kind === "plan" || row?.kind === "addon" ? row.kind : "good";
  const refusal = !row
    ? "Payport does not sell this product."
    : kind === "good"
      ? "This is a storefront item; features are listed for plans and add-ons only."
      : catalogEditRefusal(caller.roles);
  return {
    product: row && { id: row.stripeProductId, name: row.name, kind, active: row.active, features: parseFeatures(row.features) },
    canEdit: refusal === null,
    editRefusal: refusal,
    maxFeatures: MAX_FEATURES,
    maxFeatureLength: MAX_FEATURE_LENGTH,
  };
}

export async function getProductView(stripeProductId: string, caller: StripeAppCaller): Promise<StripeAppProductView> {
  return toProductView(await getDb().product.findUnique({ where: { stripeProductId } }), caller);
}

export async function editProductFeatures(input: { stripeProductId: string; features: string[]; requestId: string }, caller: StripeAppCaller): Promise<StripeAppProductView> {
  const refusal = catalogEditRefusal(caller.roles);
  if (refusal) throw new HttpError(403, refusal);
  return toProductView(await updatePlanFeatures(input, dashboardActor(caller)), caller);
}

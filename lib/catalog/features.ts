// What a plan includes: Stripe's marketing_features, stored on Product.features
// as a JSON array of names. Written by the catalog mirror, read by the pricing
// page, the portal and the Stripe App.
import type Stripe from "stripe";

export function featuresColumn(product: Pick<Stripe.Product, "marketing_features">): string {
  return JSON.stringify((product.marketing_features ?? []).map((f) => f.name).filter((name): name is string => Boolean(name)));
}

export function parseFeatures(json: string | null): string[] {
  if (!json) return [];
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((f): f is string => typeof f === "string") : [];
  } catch {
    return [];
  }
}

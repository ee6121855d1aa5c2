import { route } from "@/lib/http/route";
import { productFeaturesRequestSchema } from "@/lib/stripe-app/schemas";
import { editProductFeatures } from "@/lib/stripe-app/product";
import { stripeAppAuth } from "@/lib/stripe-app/authenticate";
import { stripeAppOptions } from "@/lib/stripe-app/cors";

export const dynamic = "force-dynamic";

// Action: replace the plan's features (Super Administrator, Administrator and Developer roles only).
export const POST = route(
  { name: "POST /api/stripe-app/product-features", auth: stripeAppAuth, limit: "stripe-app", writes: true, body: productFeaturesRequestSchema },
  async ({ body, caller }) => editProductFeatures({ stripeProductId: body.product_id, features: body.features, requestId: body.request_id }, caller),
);
export const OPTIONS = stripeAppOptions;

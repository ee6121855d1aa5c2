import { route } from "@/lib/http/route";
import { productRequestSchema } from "@/lib/stripe-app/schemas";
import { getProductView } from "@/lib/stripe-app/product";
import { stripeAppAuth } from "@/lib/stripe-app/authenticate";
import { stripeAppOptions } from "@/lib/stripe-app/cors";

export const dynamic = "force-dynamic";

// Product detail page: the features the plan includes, and whether this user may edit them.
export const POST = route({ name: "POST /api/stripe-app/product", auth: stripeAppAuth, limit: "stripe-app", body: productRequestSchema }, async ({ body, caller }) =>
  getProductView(body.product_id, caller),
);
export const OPTIONS = stripeAppOptions;

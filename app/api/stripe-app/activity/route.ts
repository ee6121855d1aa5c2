import { route } from "@/lib/http/route";
import { activityRequestSchema } from "@/lib/stripe-app/schemas";
import { getCustomerActivity } from "@/lib/stripe-app/activity";
import { stripeAppAuth } from "@/lib/stripe-app/authenticate";
import { stripeAppOptions } from "@/lib/stripe-app/cors";

export const dynamic = "force-dynamic";

// Customer detail page: one page of the account's activity from every source, newest first.
export const POST = route({ name: "POST /api/stripe-app/activity", auth: stripeAppAuth, limit: "stripe-app", body: activityRequestSchema }, async ({ body }) =>
  getCustomerActivity(body.customer_id, body.cursor ?? null, body.limit),
);
export const OPTIONS = stripeAppOptions;

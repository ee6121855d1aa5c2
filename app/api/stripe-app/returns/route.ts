import { created, route } from "@/lib/http/route";
import { recordReturn } from "@/lib/fulfilment/returns";
import { returnRequestSchema } from "@/lib/stripe-app/schemas";
import { dashboardActor } from "@/lib/stripe-app/actor";
import { stripeAppAuth } from "@/lib/stripe-app/authenticate";
import { stripeAppOptions } from "@/lib/stripe-app/cors";
import type { StripeAppReturnResult } from "@/stripe-app/src/contract";

export const dynamic = "force-dynamic";

// Action: record a return of a shipped line; 201 when recorded, 200 when this request_id was recorded before.
export const POST = route(
  { name: "POST /api/stripe-app/returns", auth: stripeAppAuth, limit: "stripe-app", writes: true, body: returnRequestSchema },
  async ({ body, caller }) => {
    const recorded = await recordReturn(
      {
        orderId: body.order_id,
        orderLineId: body.order_line_id,
        quantity: body.quantity,
        status: body.status,
        reason: body.reason || null,
        overrideWindow: body.override_window === true,
        requestId: body.request_id,
      },
      dashboardActor(caller),
    );
    const result: StripeAppReturnResult = { return: recorded.return, order: recorded.order };
    return recorded.created ? created(result) : result;
  },
);
export const OPTIONS = stripeAppOptions;

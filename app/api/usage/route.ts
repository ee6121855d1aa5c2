import { errorResponse } from "@/lib/http/errors";
import { noStore, portalRoute } from "@/lib/billing/portal/route";
import { getUsageThisPeriod, recordUsage } from "@/lib/usage/actions";

export const dynamic = "force-dynamic";

/**
 * POST { value?: int ≥ 1 (default 1), timestamp?: unix seconds } with
 * `Authorization: Bearer pp_test_…` and optionally `Idempotency-Key` (a retry
 * with the same key is counted once) → 201 { identifier, value, timestamp, duplicate }
 * (200 for a duplicate). Bad key 401, no usage add-on 409.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const recorded = await recordUsage(request);
    return Response.json(recorded, { status: recorded.duplicate ? 200 : 201, headers: noStore });
  } catch (error) {
    return errorResponse(error, "POST /api/usage");
  }
}

/** GET (signed in) → this period's usage of the metered add-on, or { usage: null }. */
export const GET = portalRoute("GET /api/usage", async (_request, user) => Response.json({ usage: await getUsageThisPeriod(user) }, { headers: noStore }));
